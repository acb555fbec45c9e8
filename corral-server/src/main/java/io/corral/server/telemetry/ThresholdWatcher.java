package io.corral.server.telemetry;

import io.corral.server.commands.CrossResourceThreshold;
import io.corral.server.controller.Controller;
import io.corral.server.domain.Node;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.security.Principal;
import java.util.Map;
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
    private static final Map<String, SeriesMetric> METRICS = Map.of(
            ResourceThresholds.CPU, SeriesMetric.CPU_PERCENT,
            ResourceThresholds.MEMORY, SeriesMetric.MEMORY_PERCENT,
            ResourceThresholds.DISK, SeriesMetric.DISK_PERCENT);

    private final Controller controller;
    /** {@code nodeId/metric} → the verdict (exceeded or not) submitted and not yet committed. */
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();

    public ThresholdWatcher(Controller controller) {
        this.controller = controller;
    }

    /** Checks one sample of {@code node}; returns at once (any verdict is submitted, not awaited). */
    public void observe(Node node, HostSample sample) {
        TelemetryImage t = controller.image().telemetry();
        ResourceThresholds levels = t.thresholdsOf(node.workspace());
        for (Map.Entry<String, SeriesMetric> e : METRICS.entrySet()) {
            String metric = e.getKey();
            double value = sample.get(e.getValue());
            Double level = levels.levelOf(metric);
            boolean breached = t.breached(node.id(), metric);
            if (!breached && level != null && !Double.isNaN(value) && value > level) {
                submit(node.id(), metric, true, value, level);
            } else if (breached && (level == null || (!Double.isNaN(value) && value < level - levels.hysteresisPercent()))) {
                submit(node.id(), metric, false, Double.isNaN(value) ? 0 : value, level == null ? 0 : level);
            }
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
