package io.corral.server.telemetry;

import io.corral.server.commands.CrossResourceThreshold;
import io.corral.server.controller.Controller;
import io.corral.server.domain.Node;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.security.Principal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each heartbeat's cpu, memory and disk percentages with the node's workspace thresholds and
 * submits a {@link CrossResourceThreshold} only when the breach state changes: up when a sample is above
 * the level, down when it is below the level minus the hysteresis (or the level was disabled). Whether
 * a node is in breach is read from the replicated image, so it survives a restart and is never
 * re-raised by a new leader. The same verdict for a node and metric is never in flight twice; an opposite
 * verdict is submitted even while the first is still committing (the controller applies them in order, and
 * each is a no-op if the state already matches).
 */
public final class ThresholdWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdWatcher.class);
    private static final String ACTOR = Principal.system("threshold-watcher").actor();

    private final Controller controller;
    /** {@code nodeId/metric} → the verdict (exceeded or not) submitted and not yet committed. */
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    /** Which nodes have a breach, for the newest image's breaches seen; replaced whole, never mutated. */
    private volatile BreachIndex breachIndex = BreachIndex.of(Map.of());

    public ThresholdWatcher(Controller controller) {
        this.controller = controller;
    }

    /**
     * Checks one sample of {@code node}; returns at once (any verdict is submitted, not awaited). A node with
     * no breach in the image (the usual case) costs three comparisons: no key is built and no map is read
     * besides the workspace's thresholds.
     */
    public void observe(Node node, HostSample sample) {
        TelemetryImage t = controller.image().telemetry();
        ResourceThresholds levels = t.thresholdsOf(node.workspace());
        boolean mayBeBreached = breachIndex(t).contains(node.id());
        check(node, ResourceThresholds.CPU, levels.cpuPercent(), sample.get(SeriesMetric.CPU_PERCENT), levels, t,
                mayBeBreached);
        check(node, ResourceThresholds.MEMORY, levels.memoryPercent(), sample.get(SeriesMetric.MEMORY_PERCENT),
                levels, t, mayBeBreached);
        check(node, ResourceThresholds.DISK, levels.diskPercent(), sample.get(SeriesMetric.DISK_PERCENT), levels, t,
                mayBeBreached);
    }

    private void check(Node node, String metric, Double level, double value, ResourceThresholds levels,
                       TelemetryImage t, boolean mayBeBreached) {
        boolean breached = mayBeBreached && t.breached(node.id(), metric);
        if (!breached && level != null && !Double.isNaN(value) && value > level) {
            submit(node.id(), metric, true, value, level);
        } else if (breached && (level == null || (!Double.isNaN(value) && value < level - levels.hysteresisPercent()))) {
            submit(node.id(), metric, false, Double.isNaN(value) ? 0 : value, level == null ? 0 : level);
        }
    }

    /** The nodes with a breach in {@code t}, rebuilt only when the image's breaches change. */
    private Set<String> breachIndex(TelemetryImage t) {
        BreachIndex index = breachIndex;
        if (index.breaches() != t.breaches()) {
            index = BreachIndex.of(t.breaches());
            breachIndex = index;
        }
        return index.nodeIds();
    }

    /** The ids of the nodes that appear in one {@code breaches} map of the image (keys {@code nodeId/metric}). */
    private record BreachIndex(Map<String, Long> breaches, Set<String> nodeIds) {
        static BreachIndex of(Map<String, Long> breaches) {
            Set<String> ids = new HashSet<>();
            for (String key : breaches.keySet()) {
                ids.add(key.substring(0, key.lastIndexOf('/')));
            }
            return new BreachIndex(breaches, Set.copyOf(ids));
        }
    }

    private void submit(String nodeId, String metric, boolean exceeded, double value, double level) {
        String key = TelemetryImage.breachKey(nodeId, metric);
        Boolean before = pending.put(key, exceeded);
        if (before != null && before == exceeded) {
            return;
        }
        controller.submit(ACTOR, new CrossResourceThreshold(nodeId, metric, exceeded, value, level))
                .whenComplete((wrote, err) -> {
                    pending.remove(key, exceeded);
                    if (err != null) {
                        LOG.warn("recording a {} threshold crossing of node {} failed", metric, nodeId, err);
                    }
                });
    }
}
