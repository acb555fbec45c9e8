package io.corral.server.metrics;

import io.corral.server.controller.Controller;
import io.corral.server.domain.Lifecycle;
import io.corral.server.health.HeartbeatTracker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's Prometheus metrics: HTTP requests by route and status, heartbeats received,
 * nodes by status, the latency of committing a batch to the replicated log, and the JVM's memory,
 * threads, CPU and uptime.
 */
public final class CorralMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer commitLatency;
    /** One timer per (method, route template, status): looked up, not rebuilt, on every request. */
    private final ConcurrentHashMap<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    /** Nodes by status, counted once per image rather than once per status per scrape. */
    private final NodeStatusCounts nodeStatusCounts = new NodeStatusCounts();

    private final java.util.List<java.util.function.Supplier<String>> extraSections =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private record RequestKey(String method, String route, int status) {
    }

    public CorralMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        commitLatency = Timer.builder("corral.log.commit.latency")
                .description("time from submitting a batch to the replicated log until it is committed and applied")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** Adds the gauges that read live state. */
    public void bind(Controller controller, HeartbeatTracker beats) {
        FunctionCounter.builder("corral.heartbeats.received", beats, HeartbeatTracker::receivedTotal)
                .description("heartbeats received by this coordinator").register(registry);
        for (Lifecycle s : Lifecycle.values()) {
            Gauge.builder("corral.nodes", controller, c -> count(c, s))
                    .tag("status", s.wire()).description("nodes by lifecycle status").register(registry);
        }
        Gauge.builder("corral.log.applied.index", controller, c -> c.image().appliedIndex())
                .description("index of the last log entry applied").register(registry);
    }

    private double count(Controller c, Lifecycle status) {
        return nodeStatusCounts.count(c.image(), status);
    }

    public void recordCommitNanos(long nanos) {
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordRequest(String method, String route, int status, long nanos) {
        requestTimer(method, route, status).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The timer {@link #recordRequest} records into, for callers that look it up once and keep it. */
    public Timer requestTimer(String method, String route, int status) {
        return requestTimers.computeIfAbsent(new RequestKey(method, route, status), k -> Timer
                .builder("corral.http.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                .register(registry));
    }

    /** Adds a section of Prometheus text appended to every scrape (e.g. per-node gauges). */
    public void addExposition(java.util.function.Supplier<String> section) {
        extraSections.add(section);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        if (extraSections.isEmpty()) {
            return registry.scrape();
        }
        StringBuilder out = new StringBuilder(registry.scrape());
        for (java.util.function.Supplier<String> s : extraSections) {
            out.append(s.get());
        }
        return out.toString();
    }
}
