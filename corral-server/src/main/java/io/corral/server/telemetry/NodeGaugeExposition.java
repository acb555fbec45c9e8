package io.corral.server.telemetry;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import io.corral.server.health.HeartbeatTracker;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Per-node gauges in the Prometheus text format, so one scrape of the coordinator sees the whole
 * fleet: {@code corral_node_up} for every node, and for nodes that reported them since this
 * coordinator started, the latest host metrics and the age of the last heartbeat. Labels:
 * {@code workspace}, {@code node} (and {@code role}, {@code status} on {@code corral_node_up}).
 */
public final class NodeGaugeExposition implements Supplier<String> {
    private record Gauge(String name, String help, java.util.function.ToDoubleFunction<HostSample> value) {
    }

    private static final List<Gauge> GAUGES = List.of(
            new Gauge("corral_node_cpu_percent", "CPU use in percent", s -> s.get(SeriesMetric.CPU_PERCENT)),
            new Gauge("corral_node_memory_percent", "memory use in percent", s -> s.get(SeriesMetric.MEMORY_PERCENT)),
            new Gauge("corral_node_disk_percent", "disk use in percent", s -> s.get(SeriesMetric.DISK_PERCENT)),
            new Gauge("corral_node_load1", "1-minute load average", s -> s.get(SeriesMetric.LOAD_1M)),
            new Gauge("corral_node_memory_used_bytes", "memory in use", HostSample::memoryUsedBytes),
            new Gauge("corral_node_memory_total_bytes", "memory installed", HostSample::memoryTotalBytes),
            new Gauge("corral_node_disk_used_bytes", "disk space in use", HostSample::diskUsedBytes),
            new Gauge("corral_node_disk_total_bytes", "disk space", HostSample::diskTotalBytes),
            new Gauge("corral_node_network_receive_bytes_per_second", "network bytes received per second",
                    s -> s.get(SeriesMetric.NETWORK_IN_BYTES_PER_SECOND)),
            new Gauge("corral_node_network_transmit_bytes_per_second", "network bytes sent per second",
                    s -> s.get(SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND)),
            new Gauge("corral_node_connections", "open network connections", s -> s.get(SeriesMetric.CONNECTIONS)),
            new Gauge("corral_node_uptime_seconds", "host uptime", HostSample::uptimeSeconds));

    private final Supplier<ClusterImage> image;
    private final HeartbeatTracker beats;
    private final Clock clock;

    public NodeGaugeExposition(Supplier<ClusterImage> image, HeartbeatTracker beats, Clock clock) {
        this.image = image;
        this.beats = beats;
        this.clock = clock;
    }

    @Override
    public String get() {
        List<Node> nodes = image.get().nodesIn(null);
        long now = clock.millis();
        StringBuilder out = new StringBuilder(256 + nodes.size() * 600);
        header(out, "corral_node_up", "1 when the node serves (active, joining, draining), else 0");
        for (Node n : nodes) {
            out.append("corral_node_up{workspace=\"").append(escape(n.workspace())).append("\",node=\"")
                    .append(escape(n.id())).append("\",role=\"").append(escape(n.role())).append("\",status=\"")
                    .append(n.status().wire()).append("\"} ").append(n.status().serving() ? "1" : "0").append('\n');
        }
        HostSample[] samples = new HostSample[nodes.size()];
        header(out, "corral_node_heartbeat_age_seconds", "seconds since the node's last heartbeat");
        for (int i = 0; i < nodes.size(); i++) {
            HeartbeatTracker.Beat beat = beats.last(nodes.get(i).id());
            if (beat != null) {
                samples[i] = HostSample.from(beat.metrics());
                line(out, "corral_node_heartbeat_age_seconds", nodes.get(i), Math.max(0, now - beat.atMs()) / 1000.0);
            }
        }
        for (Gauge g : GAUGES) {
            header(out, g.name(), g.help());
            for (int i = 0; i < nodes.size(); i++) {
                if (samples[i] != null) {
                    double v = g.value().applyAsDouble(samples[i]);
                    if (!Double.isNaN(v)) {
                        line(out, g.name(), nodes.get(i), v);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void line(StringBuilder out, String name, Node n, double v) {
        out.append(name).append("{workspace=\"").append(escape(n.workspace())).append("\",node=\"")
                .append(escape(n.id())).append("\"} ").append(String.format(Locale.ROOT, "%s", v)).append('\n');
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
