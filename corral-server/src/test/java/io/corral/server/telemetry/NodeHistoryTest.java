package io.corral.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeHistoryTest {
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 3_600_000L);

    private static double[] cpu(double v) {
        double[] values = new double[SeriesMetric.COUNT];
        Arrays.fill(values, Double.NaN);
        values[SeriesMetric.CPU_PERCENT.ordinal()] = v;
        return values;
    }

    @Test
    void float16KeepsValuesWithinTwoTenthsOfAPercent() {
        for (double v : new double[] {0.01, 0.5, 1, 45.2, 78.5, 99.99, 100, 1234.5, 12_500_000, 9.9e12}) {
            assertThat((double) Float16.decode(Float16.encode(v))).isCloseTo(v, within(v * 0.002));
        }
        assertThat(Float16.decode(Float16.encode(-3))).isZero();
        assertThat(Float16.decode(Float16.encode(Double.NaN))).isNaN();
        assertThat(Float16.encode(Double.MAX_VALUE)).isNotEqualTo(Float16.EMPTY);
    }

    @Test
    void averagePeakAndSeriesOfTheLastHourAt30SecondBuckets() {
        NodeHistory h = new NodeHistory();
        // 10 minutes of samples every 5 s: 40 % in even minutes, 60 % in odd ones, one spike to 95 %
        for (long t = 0; t < 600_000; t += 5_000) {
            double v = (t / 60_000) % 2 == 0 ? 40 : 60;
            h.record(T0 + t, cpu(t == 300_000 ? 95 : v));
        }
        MetricSeries s = h.query(Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, T0 + 599_999);
        assertThat(s.bucketMs()).isEqualTo(30_000);
        assertThat(s.points()).hasSize(20);
        assertThat(s.peak()).isCloseTo(95, within(0.2));
        assertThat(s.average()).isCloseTo(50 + (95 - 40) / 120.0, within(0.2));
        assertThat(s.points().get(0).atMs()).isEqualTo(T0);
        assertThat(s.points().get(0).mean()).isCloseTo(40, within(0.1));
        assertThat(s.points().get(2).mean()).isCloseTo(60, within(0.1));

        MetricSeries last5 = h.query(Period.FIVE_MINUTES, SeriesMetric.CPU_PERCENT, T0 + 599_999);
        assertThat(last5.points()).hasSize(10);
        assertThat(last5.peak()).isCloseTo(95, within(0.2));
        assertThat(last5.points().get(0).atMs()).isEqualTo(T0 + 300_000);
    }

    @Test
    void coarserTiersHoldTheMeanAndPeakOfEverySampleIncludingTheNewest() {
        NodeHistory h = new NodeHistory();
        // a sample every 10 s for 12 minutes, valued 0, 1, ..., 71: the last one is still in an open 30 s bucket
        for (long i = 0; i < 72; i++) {
            h.record(T0 + i * 10_000, cpu(i));
        }
        MetricSeries day = h.query(Period.ONE_DAY, SeriesMetric.CPU_PERCENT, T0 + 719_999);
        assertThat(day.bucketMs()).isEqualTo(600_000);
        assertThat(day.points()).extracting(MetricSeries.Point::atMs).containsExactly(T0, T0 + 600_000);
        assertThat(day.points().get(0).mean()).isCloseTo(29.5, within(0.1));
        assertThat(day.points().get(0).peak()).isCloseTo(59, within(0.2));
        assertThat(day.points().get(1).mean()).isCloseTo(65.5, within(0.1));
        assertThat(day.peak()).isCloseTo(71, within(0.2));
        MetricSeries week = h.query(Period.SEVEN_DAYS, SeriesMetric.CPU_PERCENT, T0 + 719_999);
        assertThat(week.points()).hasSize(1);
        assertThat(week.points().get(0).mean()).isCloseTo(35.5, within(0.1));
        assertThat(week.peak()).isCloseTo(71, within(0.2));
    }

    @Test
    void eachMetricKeepsItsOwnMeanPeakAndCountInEveryTier() {
        NodeHistory h = new NodeHistory();
        // every 10 s for 11 minutes: cpu i, memory 100 - i, connections only on every third sample
        for (int i = 0; i < 66; i++) {
            double[] values = cpu(i);
            values[SeriesMetric.MEMORY_PERCENT.ordinal()] = 100 - i;
            if (i % 3 == 0) {
                values[SeriesMetric.CONNECTIONS.ordinal()] = 1000 + i;
            }
            h.record(T0 + i * 10_000L, values);
        }
        long now = T0 + 659_999;
        MetricSeries cpuHour = h.query(Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, now);
        MetricSeries memHour = h.query(Period.ONE_HOUR, SeriesMetric.MEMORY_PERCENT, now);
        MetricSeries connHour = h.query(Period.ONE_HOUR, SeriesMetric.CONNECTIONS, now);
        assertThat(cpuHour.points()).hasSize(22);
        assertThat(cpuHour.points().get(0).mean()).isCloseTo(1, within(0.01)); // samples 0, 1, 2
        assertThat(memHour.points().get(0).mean()).isCloseTo(99, within(0.2));
        assertThat(memHour.points().get(0).peak()).isCloseTo(100, within(0.2));
        assertThat(connHour.points().get(0).mean()).isCloseTo(1000, within(2.0)); // one sample in the bucket
        assertThat(cpuHour.points().get(21).mean()).isCloseTo(64, within(0.01)); // the open bucket: 63, 64, 65
        assertThat(connHour.points().get(21).mean()).isEqualTo(1063.0);
        assertThat(h.query(Period.ONE_HOUR, SeriesMetric.DISK_PERCENT, now).points()).isEmpty();

        MetricSeries memDay = h.query(Period.ONE_DAY, SeriesMetric.MEMORY_PERCENT, now);
        MetricSeries connDay = h.query(Period.ONE_DAY, SeriesMetric.CONNECTIONS, now);
        assertThat(memDay.points()).extracting(MetricSeries.Point::mean)
                .containsExactly(100 - 29.5, 100 - 62.5); // samples 0..59, then 60..65 (rolled up and open)
        assertThat(memDay.points().get(1).peak()).isCloseTo(40, within(0.1));
        assertThat(connDay.points()).hasSize(2);
        // 0, 3, ..., 57 (a closed bucket, kept as a 16-bit float), then 60 and 63
        assertThat(connDay.points().get(0).mean()).isCloseTo(1000 + 28.5, within(2.0));
        assertThat(connDay.points().get(1).mean()).isEqualTo(1000 + 61.5);
        assertThat(connDay.peak()).isCloseTo(1063, within(2.0));
    }

    @Test
    void silenceLeavesGapsAndOldBucketsAreNotReadBack() {
        NodeHistory h = new NodeHistory();
        h.record(T0, cpu(10));
        h.record(T0 + 2 * 3_600_000, cpu(20)); // two hours later: the first sample is out of the hour tier
        MetricSeries hour = h.query(Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, T0 + 2 * 3_600_000);
        assertThat(hour.points()).hasSize(1);
        assertThat(hour.average()).isCloseTo(20, within(0.05));
        MetricSeries day = h.query(Period.ONE_DAY, SeriesMetric.CPU_PERCENT, T0 + 2 * 3_600_000);
        assertThat(day.points()).extracting(MetricSeries.Point::mean).containsExactly(10.0, 20.0);
    }

    @Test
    void sevenDaysAreKeptHourlyAndAnEighthDayPushesTheFirstOut() {
        NodeHistory h = new NodeHistory();
        long end = T0 + 8L * 24 * 3_600_000;
        for (long t = T0; t < end; t += 60_000) {
            long day = (t - T0) / (24 * 3_600_000L);
            h.record(t, cpu(day * 10 + 1));
        }
        MetricSeries week = h.query(Period.SEVEN_DAYS, SeriesMetric.CPU_PERCENT, end - 1);
        assertThat(week.bucketMs()).isEqualTo(3_600_000);
        assertThat(week.points()).hasSize(168);
        assertThat(week.points().get(0).mean()).isCloseTo(11, within(0.1)); // day 1, not day 0
        assertThat(week.peak()).isCloseTo(71, within(0.2));
        MetricSeries day = h.query(Period.ONE_DAY, SeriesMetric.CPU_PERCENT, end - 1);
        assertThat(day.points()).hasSize(144);
        MetricSeries six = h.query(Period.SIX_HOURS, SeriesMetric.CPU_PERCENT, end - 1);
        assertThat(six.points()).hasSize(36);
    }

    @Test
    void aMissingMetricIsAGapNotAZero() {
        MetricsHistory history = new MetricsHistory();
        history.record("a", T0, HostSample.from(Map.of("cpu_percent", 50)));
        MetricSeries mem = history.query("a", Period.ONE_HOUR, SeriesMetric.MEMORY_PERCENT, T0 + 1_000);
        assertThat(mem.points()).isEmpty();
        assertThat(mem.average()).isNaN();
    }

    @Test
    void samplesWithNoKnownMetricCreateNoHistory() {
        MetricsHistory history = new MetricsHistory();
        history.record("a", T0, HostSample.from(Map.of("app", Map.of("queue", 3))));
        assertThat(history.size()).isZero();
    }

    @Test
    void derivedAndSeedAliasedMetrics() {
        HostSample s = HostSample.from(Map.of("memory_used_bytes", 2e9, "memory_total_bytes", 8e9, "load", 0.45,
                "network_in_mbps", 8.0));
        assertThat(s.get(SeriesMetric.MEMORY_PERCENT)).isEqualTo(25.0);
        assertThat(s.get(SeriesMetric.LOAD_1M)).isEqualTo(0.45);
        assertThat(s.get(SeriesMetric.NETWORK_IN_BYTES_PER_SECOND)).isEqualTo(1_000_000.0);
        assertThat(HostSample.from(Map.of("memory", 0.68)).get(SeriesMetric.MEMORY_PERCENT)).isCloseTo(68, within(1e-9));
        assertThat(HostSample.from(Map.of("cpu_percent", "high")).get(SeriesMetric.CPU_PERCENT)).isNaN();
    }

    @Test
    void aNativeNameWinsOverItsSeedAliasesWhateverTheOrderOfTheMap() {
        HostSample s = HostSample.from(Map.of("cpu", 0.9, "cpu_percentage", 70, "cpu_percent", 30,
                "memory", 0.5, "memory_used_bytes", 1e9, "memory_total_bytes", 4e9, "load", 2, "load_1m", 1,
                "network_out_mbps", 8.0, "network_out_bytes_per_second", 5.0));
        assertThat(s.get(SeriesMetric.CPU_PERCENT)).isEqualTo(30.0);
        assertThat(s.get(SeriesMetric.MEMORY_PERCENT)).isEqualTo(50.0); // the reported fraction before used/total
        assertThat(s.get(SeriesMetric.LOAD_1M)).isEqualTo(1.0);
        assertThat(s.get(SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND)).isEqualTo(5.0);
        assertThat(s.memoryUsedBytes()).isEqualTo(1e9);
        assertThat(HostSample.from(Map.of("cpu", 0.9, "cpu_percentage", 70)).get(SeriesMetric.CPU_PERCENT))
                .isEqualTo(70.0);
    }

    @Test
    void memoryIsBoundedPerNodeAndForgettingANodeFreesIt() {
        assertThat(MetricsHistory.BYTES_PER_NODE).isLessThan(13_000);
        MetricsHistory history = new MetricsHistory();
        for (int n = 0; n < 50; n++) {
            for (long t = T0; t < T0 + 3_600_000; t += 5_000) {
                history.record("n" + n, t, HostSample.from(Map.of("cpu_percent", 1.0 * n)));
            }
        }
        long before = history.approximateBytes();
        for (long t = T0 + 3_600_000; t < T0 + 8L * 24 * 3_600_000; t += 600_000) {
            history.record("n0", t, HostSample.from(Map.of("cpu_percent", 1.0)));
        }
        assertThat(history.approximateBytes()).isEqualTo(before);
        history.retainOnly(java.util.Set.of("n1", "n2"));
        assertThat(history.size()).isEqualTo(2);
        history.forget("n1");
        assertThat(history.size()).isEqualTo(1);
    }

    /** Measures the heap that 2,000 filled node histories really take and compares it with the stated bound. */
    @Test
    void measuredHeapPerNodeStaysWithinTheStatedBound() {
        int nodes = 2_000;
        long before = usedHeapAfterGc();
        MetricsHistory history = new MetricsHistory();
        for (int n = 0; n < nodes; n++) {
            history.record("node-" + n, T0, HostSample.from(Map.of("cpu_percent", 1.0, "memory_percent", 2.0,
                    "disk_percent", 3.0, "load_1m", 0.5, "connections", 10, "network_in_bytes_per_second", 1e6,
                    "network_out_bytes_per_second", 2e6)));
        }
        long after = usedHeapAfterGc();
        double perNode = (after - before) / (double) nodes;
        assertThat(history.size()).isEqualTo(nodes);
        assertThat(perNode).isLessThan(MetricsHistory.BYTES_PER_NODE + 400);
    }

    /** Until a bucket closes a node's history holds no rings: what a sample touches is not spread over kilobytes. */
    @Test
    void aHistoryWhoseBucketsHaveNotClosedTakesUnderAKilobyte() {
        int nodes = 2_000;
        long before = usedHeapAfterGc();
        MetricsHistory history = new MetricsHistory();
        for (int n = 0; n < nodes; n++) {
            for (long t = T0; t < T0 + 30_000; t += 5_000) { // all in the first 30 s bucket
                history.record("node-" + n, t, HostSample.from(Map.of("cpu_percent", 1.0, "connections", 10)));
            }
        }
        long after = usedHeapAfterGc();
        assertThat(history.size()).isEqualTo(nodes);
        assertThat((after - before) / (double) nodes).isLessThan(1_024);
        MetricSeries s = history.query("node-7", Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, T0 + 29_999);
        assertThat(s.points()).hasSize(1);
        assertThat(s.average()).isEqualTo(1.0);
    }

    static long usedHeapAfterGc() {
        java.lang.management.MemoryMXBean mx = java.lang.management.ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
