package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.service.TelemetryService;
import io.corral.server.telemetry.HostSample;
import io.corral.server.telemetry.MetricSeries;
import io.corral.server.telemetry.NodeMetricsReport;
import io.corral.server.telemetry.Period;
import io.corral.server.telemetry.SeriesMetric;
import io.corral.server.telemetry.UsageReport;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node metrics and workspace usage in seed 002's shapes, and resource thresholds:
 * {@code GET …/nodes/usage}, {@code GET …/nodes/{id}/metrics?period=5m|1h|6h|24h|7d&metric=cpu|memory|storage|network|load|connections|application},
 * {@code GET / PUT …/thresholds}. Must be added to the router before the node routes, since
 * {@code /nodes/usage} would otherwise match {@code /nodes/:id}.
 */
public final class TelemetryEndpoint {
    private static final String BASE = "/api/v1/workspaces/:ws";
    static final List<String> GROUPS = List.of("cpu", "memory", "storage", "network", "load", "connections",
            "application");
    private static final double BYTES_PER_GB = 1e9;
    private static final double BYTES_PER_MEGABIT = 125_000.0;
    private final TelemetryService telemetry;

    public TelemetryEndpoint(TelemetryService telemetry) {
        this.telemetry = telemetry;
    }

    public void addRoutes(Router router) {
        router.get(BASE + "/nodes/usage").handler(this::usage);
        router.get(BASE + "/nodes/:id/metrics").handler(this::metrics);
        router.get(BASE + "/thresholds").handler(this::thresholds);
        router.put(BASE + "/thresholds").handler(this::setThresholds);
    }

    private void metrics(RoutingContext ctx) {
        String periodWord = Http.query(ctx, "period");
        Period period = periodWord == null ? Period.ONE_HOUR : Period.parse(periodWord).orElseThrow(() ->
                CorralException.invalid("period", "period must be one of 5m, 1h, 6h, 24h, 7d; got '" + periodWord + "'"));
        String metric = Http.query(ctx, "metric");
        if (metric != null && !GROUPS.contains(metric)) {
            throw CorralException.invalid("metric", "metric must be one of " + String.join(", ", GROUPS) + "; got '"
                    + metric + "'");
        }
        NodeMetricsReport r = telemetry.metrics(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"), period);
        ObjectNode data = Json.object();
        data.put("node_id", r.node().id());
        data.put("period", period.wire());
        data.put("latest_sample_at", Json.time(r.latestAtMs()));
        HostSample s = r.latest();
        if (metric == null || metric.equals("cpu")) {
            ObjectNode cpu = percentGroup(data.putObject("cpu"), s.get(SeriesMetric.CPU_PERCENT),
                    r.series().get(SeriesMetric.CPU_PERCENT));
            put(cpu, "cores_used", Double.isNaN(s.cpuCores()) ? Double.NaN
                    : s.cpuCores() * s.get(SeriesMetric.CPU_PERCENT) / 100.0);
            put(cpu, "cores_total", s.cpuCores());
        }
        if (metric == null || metric.equals("memory")) {
            ObjectNode mem = percentGroup(data.putObject("memory"), s.get(SeriesMetric.MEMORY_PERCENT),
                    r.series().get(SeriesMetric.MEMORY_PERCENT));
            put(mem, "used_gb", s.memoryUsedBytes() / BYTES_PER_GB);
            put(mem, "total_gb", s.memoryTotalBytes() / BYTES_PER_GB);
        }
        if (metric == null || metric.equals("storage")) {
            ObjectNode disk = percentGroup(data.putObject("storage"), s.get(SeriesMetric.DISK_PERCENT),
                    r.series().get(SeriesMetric.DISK_PERCENT));
            put(disk, "used_gb", s.diskUsedBytes() / BYTES_PER_GB);
            put(disk, "total_gb", s.diskTotalBytes() / BYTES_PER_GB);
        }
        if (metric == null || metric.equals("network")) {
            network(data.putObject("network"), s, r.series().get(SeriesMetric.NETWORK_IN_BYTES_PER_SECOND),
                    r.series().get(SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND));
        }
        if (metric == null || metric.equals("load")) {
            plainGroup(data.putObject("load"), s.get(SeriesMetric.LOAD_1M), r.series().get(SeriesMetric.LOAD_1M));
        }
        if (metric == null || metric.equals("connections")) {
            plainGroup(data.putObject("connections"), s.get(SeriesMetric.CONNECTIONS),
                    r.series().get(SeriesMetric.CONNECTIONS));
        }
        if (metric == null || metric.equals("application")) {
            data.set("application", Json.MAPPER.valueToTree(r.application()));
        }
        Http.json(ctx, 200, NodeViews.data(data));
    }

    private static ObjectNode percentGroup(ObjectNode o, double current, MetricSeries series) {
        put(o, "current_percentage", current);
        put(o, "average_percentage", series.average());
        put(o, "peak_percentage", series.peak());
        o.set("series", series(series, 1.0));
        return o;
    }

    private static void plainGroup(ObjectNode o, double current, MetricSeries series) {
        put(o, "current", current);
        put(o, "average", series.average());
        put(o, "peak", series.peak());
        o.set("series", series(series, 1.0));
    }

    private static void network(ObjectNode o, HostSample s, MetricSeries in, MetricSeries out) {
        put(o, "in_mbps", s.get(SeriesMetric.NETWORK_IN_BYTES_PER_SECOND) / BYTES_PER_MEGABIT);
        put(o, "out_mbps", s.get(SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND) / BYTES_PER_MEGABIT);
        put(o, "average_in_mbps", in.average() / BYTES_PER_MEGABIT);
        put(o, "peak_in_mbps", in.peak() / BYTES_PER_MEGABIT);
        put(o, "average_out_mbps", out.average() / BYTES_PER_MEGABIT);
        put(o, "peak_out_mbps", out.peak() / BYTES_PER_MEGABIT);
        TreeMap<Long, double[]> byTime = new TreeMap<>();
        for (MetricSeries.Point p : in.points()) {
            byTime.computeIfAbsent(p.atMs(), t -> new double[] {Double.NaN, Double.NaN})[0] = p.mean();
        }
        for (MetricSeries.Point p : out.points()) {
            byTime.computeIfAbsent(p.atMs(), t -> new double[] {Double.NaN, Double.NaN})[1] = p.mean();
        }
        ArrayNode series = o.putArray("series");
        for (Map.Entry<Long, double[]> e : byTime.entrySet()) {
            ObjectNode point = series.addObject();
            point.put("timestamp", Json.time(e.getKey()));
            put(point, "in_mbps", e.getValue()[0] / BYTES_PER_MEGABIT);
            put(point, "out_mbps", e.getValue()[1] / BYTES_PER_MEGABIT);
        }
    }

    private static ArrayNode series(MetricSeries s, double scale) {
        ArrayNode out = Json.array();
        for (MetricSeries.Point p : s.points()) {
            ObjectNode point = out.addObject();
            point.put("timestamp", Json.time(p.atMs()));
            put(point, "value", p.mean() / scale);
            put(point, "peak", p.peak() / scale);
        }
        return out;
    }

    /** Puts a number rounded to 2 decimals, or null when it is NaN. */
    static void put(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, Math.round(v * 100.0) / 100.0);
        }
    }

    private void usage(RoutingContext ctx) {
        UsageReport u = telemetry.usage(Http.principal(ctx), ctx.pathParam("ws"));
        ObjectNode data = Json.object();
        ObjectNode summary = data.putObject("summary");
        summary.put("total_nodes", u.totalNodes());
        summary.put("running_nodes", u.runningNodes());
        put(summary, "total_cpu_cores", u.totalCpuCores());
        put(summary, "total_memory_gb", u.totalMemoryBytes() / BYTES_PER_GB);
        put(summary, "total_storage_gb", u.totalDiskBytes() / BYTES_PER_GB);
        ObjectNode usage = data.putObject("usage");
        ObjectNode cpu = usage.putObject("cpu");
        put(cpu, "used_cores", u.usedCpuCores());
        put(cpu, "percentage", UsageReport.percent(u.usedCpuCores(), u.totalCpuCores()));
        ObjectNode mem = usage.putObject("memory");
        put(mem, "used_gb", u.usedMemoryBytes() / BYTES_PER_GB);
        put(mem, "percentage", UsageReport.percent(u.usedMemoryBytes(), u.totalMemoryBytes()));
        ObjectNode disk = usage.putObject("storage");
        put(disk, "used_gb", u.usedDiskBytes() / BYTES_PER_GB);
        put(disk, "percentage", UsageReport.percent(u.usedDiskBytes(), u.totalDiskBytes()));
        ArrayNode byNode = data.putArray("by_node");
        for (UsageReport.NodeUsage n : u.byNode()) {
            ObjectNode o = byNode.addObject();
            o.put("node_id", n.node().id());
            o.put("name", n.node().name());
            o.put("status", n.node().status().wire());
            put(o, "cpu_percentage", n.cpuPercent());
            put(o, "memory_percentage", n.memoryPercent());
            put(o, "storage_percentage", n.diskPercent());
            put(o, "network_in_mbps", n.networkInBytesPerSecond() / BYTES_PER_MEGABIT);
            put(o, "network_out_mbps", n.networkOutBytesPerSecond() / BYTES_PER_MEGABIT);
            o.put("last_heartbeat", Json.time(n.lastHeartbeatMs()));
        }
        Http.json(ctx, 200, NodeViews.data(data));
    }

    static ObjectNode thresholdsView(ResourceThresholds t) {
        ObjectNode o = Json.object();
        o.put("cpu_percent", t.cpuPercent());
        o.put("memory_percent", t.memoryPercent());
        o.put("disk_percent", t.diskPercent());
        o.put("hysteresis_percent", t.hysteresisPercent());
        return o;
    }

    private void thresholds(RoutingContext ctx) {
        ResourceThresholds t = telemetry.thresholds(Http.principal(ctx), ctx.pathParam("ws"));
        Http.json(ctx, 200, NodeViews.data(thresholdsView(t)));
    }

    /** Fields left out keep their value; {@code null} disables a threshold. */
    private void setThresholds(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        ResourceThresholds now = telemetry.thresholds(Http.principal(ctx), ctx.pathParam("ws"));
        Double hysteresis = b.number("hysteresis_percent");
        ResourceThresholds next = new ResourceThresholds(
                b.present("cpu_percent") ? b.number("cpu_percent") : now.cpuPercent(),
                b.present("memory_percent") ? b.number("memory_percent") : now.memoryPercent(),
                b.present("disk_percent") ? b.number("disk_percent") : now.diskPercent(),
                hysteresis == null ? now.hysteresisPercent() : hysteresis);
        Http.async(ctx, telemetry.setThresholds(Http.principal(ctx), ctx.pathParam("ws"), next), 200,
                t -> NodeViews.data(thresholdsView(t)));
    }
}
