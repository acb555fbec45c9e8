package io.corral.server.telemetry;

import io.corral.server.domain.Node;
import java.util.Map;

/**
 * One node's metrics over a period: the latest sample (NaN fields when the node has not reported since
 * this coordinator started), the history of each {@link SeriesMetric}, and the latest application
 * metrics the node passed along ({@code app} in its heartbeat).
 */
public record NodeMetricsReport(Node node, Period period, long latestAtMs, HostSample latest,
                                Map<SeriesMetric, MetricSeries> series, Map<String, Object> application) {
}
