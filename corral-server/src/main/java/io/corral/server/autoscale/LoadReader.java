package io.corral.server.autoscale;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.policies.autoscale.LoadSnapshot;
import io.corral.server.telemetry.HostSample;
import io.corral.server.telemetry.SeriesMetric;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the autoscale load signal from the leader's soft state: the value of one metric in each node's
 * latest heartbeat. The host metrics Corral knows ({@code cpu_percent}, {@code memory_percent},
 * {@code disk_percent}, {@code load_1m}, {@code connections}, …) are read as the telemetry pages show them,
 * so their seed aliases and derivations apply (e.g. {@code memory_percent} from used and total bytes); any
 * other name is a number at the top level of the metrics ({@code {"keys": 1200}}) or, failing that, in the
 * {@code app} object an agent reports application metrics in. Anything else reads as absent.
 */
public final class LoadReader {
    private final Function<String, HeartbeatTracker.Beat> lastBeat;

    public LoadReader(Function<String, HeartbeatTracker.Beat> lastBeat) {
        this.lastBeat = lastBeat;
    }

    /** The metric's latest value for every node of {@code workspace} that reported it. */
    public LoadSnapshot read(ClusterImage img, String workspace, String metric) {
        Map<String, Double> values = new HashMap<>();
        for (Node n : img.nodesIn(workspace)) {
            HeartbeatTracker.Beat beat = lastBeat.apply(n.id());
            double v = beat == null ? Double.NaN : value(beat.metrics(), metric);
            if (!Double.isNaN(v)) {
                values.put(n.id(), v);
            }
        }
        return new LoadSnapshot(metric, values);
    }

    /** The value of {@code metric} in one heartbeat's metrics, NaN when absent. */
    public static double value(Map<String, Object> metrics, String metric) {
        for (SeriesMetric m : SeriesMetric.values()) {
            if (m.key().equals(metric)) {
                return HostSample.from(metrics).get(m);
            }
        }
        double top = HostSample.num(metrics, metric);
        if (!Double.isNaN(top)) {
            return top;
        }
        if (metrics.get("app") instanceof Map<?, ?> app) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) app;
            return HostSample.num(typed, metric);
        }
        return Double.NaN;
    }
}
