package io.corral.server.service;

import io.corral.server.commands.NodeLookup;
import io.corral.server.commands.SetResourceThresholds;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Node;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.domain.Role;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.security.Principal;
import io.corral.server.telemetry.HostSample;
import io.corral.server.telemetry.MetricsHistory;
import io.corral.server.telemetry.NodeMetricsReport;
import io.corral.server.telemetry.Period;
import io.corral.server.telemetry.SeriesMetric;
import io.corral.server.telemetry.ThresholdWatcher;
import io.corral.server.telemetry.UsageReport;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Node metrics, workspace usage and resource thresholds. Feeds the metric history and the threshold
 * watcher from heartbeats ({@link #onHeartbeat}); reads check the caller's rights first.
 */
public final class TelemetryService {
    private final Controller controller;
    private final HeartbeatTracker beats;
    private final MetricsHistory history;
    private final ThresholdWatcher thresholds;
    private final Clock clock;

    public TelemetryService(Controller controller, HeartbeatTracker beats, MetricsHistory history, Clock clock) {
        this.controller = controller;
        this.beats = beats;
        this.history = history;
        this.thresholds = new ThresholdWatcher(controller);
        this.clock = clock;
    }

    /** A heartbeat arrived: add its sample to the history and check thresholds. */
    public void onHeartbeat(Node node, long atMs, Map<String, Object> metrics) {
        HostSample sample = HostSample.from(metrics);
        history.record(node.id(), atMs, sample);
        thresholds.observe(node, sample);
    }

    /** Drops the history of nodes that no longer exist. */
    public void sweep() {
        history.retainOnly(Set.copyOf(controller.image().nodes().keySet()));
    }

    public NodeMetricsReport metrics(Principal p, String workspace, String nodeId, Period period) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.requireNode(n.id(), n.workspace(), Role.VIEWER);
        long now = clock.millis();
        HeartbeatTracker.Beat beat = beats.last(n.id());
        Map<SeriesMetric, io.corral.server.telemetry.MetricSeries> series = new EnumMap<>(SeriesMetric.class);
        for (SeriesMetric m : SeriesMetric.values()) {
            series.put(m, history.query(n.id(), period, m, now));
        }
        Map<String, Object> app = Map.of();
        if (beat != null && beat.metrics().get("app") instanceof Map<?, ?> a) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) a;
            app = typed;
        }
        return new NodeMetricsReport(n, period, beat == null ? 0 : beat.atMs(),
                HostSample.from(beat == null ? null : beat.metrics()), series, app);
    }

    public UsageReport usage(Principal p, String workspace) {
        p.require(Role.VIEWER, workspace);
        ClusterImage image = controller.image();
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        return UsageReport.of(image.nodesIn(workspace), beats::last);
    }

    public ResourceThresholds thresholds(Principal p, String workspace) {
        p.require(Role.VIEWER, workspace);
        ClusterImage image = controller.image();
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        return image.telemetry().thresholdsOf(workspace);
    }

    public CompletableFuture<ResourceThresholds> setThresholds(Principal p, String workspace, ResourceThresholds t) {
        p.require(Role.OPERATOR, workspace);
        return controller.submit(p.actor(), new SetResourceThresholds(workspace, t));
    }
}
