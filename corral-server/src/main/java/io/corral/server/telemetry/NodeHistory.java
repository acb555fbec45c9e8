package io.corral.server.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The metric history of one node, in fixed memory: three ring buffers of time buckets (see
 * {@link #TIERS}), each bucket holding, per {@link SeriesMetric}, the mean and the peak of the samples
 * that fell into it as {@link Float16} codes. A sample updates only the finest tier; a tier's newest
 * ("open") bucket accumulates exactly (sum, count, peak) and is encoded when the next bucket begins. When
 * the finest tier's open bucket ends, its exact accumulators are added to the coarser tiers (their bucket
 * widths are multiples of it), so each sample costs one tier's work and the coarser tiers hold the same
 * means and peaks as if every sample had been added to them; a query of a coarser tier includes the finest
 * tier's open bucket. Buckets with no samples read as gaps. Memory does not grow with the number of
 * samples: see {@link #BYTES}. A tier's rings are made when its first bucket closes, so until then a node's
 * history is a few hundred bytes (what every sample touches stays compact).
 *
 * <p>Samples must arrive in time order; one older than the finest tier's open bucket is ignored.
 * Thread-safe (every method synchronises on the instance).
 */
final class NodeHistory {

    /** One tier's shape: bucket width and bucket count; together they span {@code bucketMs * slots}. */
    record TierShape(long bucketMs, int slots) {
        long spanMs() {
            return bucketMs * slots;
        }
    }

    /** 30 s buckets for the last hour, 10 min buckets for the last day, hourly buckets for the last week. */
    static final TierShape[] TIERS = {
        new TierShape(30_000L, 120),
        new TierShape(600_000L, 144),
        new TierShape(3_600_000L, 168),
    };

    /**
     * An upper bound of the heap one node's history takes on a 64-bit JVM with compressed references:
     * two {@code char} arrays per tier of {@code slots * metrics} entries, plus one array of open-bucket
     * accumulators per tier and object headers.
     */
    static final long BYTES;

    static {
        long b = 16 + 4 + 16; // this object, the tier array
        for (TierShape t : TIERS) {
            b += 48; // Tier object
            b += 2 * (16 + 2L * t.slots() * SeriesMetric.COUNT + 8); // means, peaks (header, data, padding)
            b += 16 + 8L * Tier.OPEN_STRIDE * SeriesMetric.COUNT; // the open bucket's accumulators
        }
        BYTES = b;
    }

    private final Tier[] tiers = new Tier[TIERS.length];
    /** {@code tiers[0]}, the only tier a sample touches, held directly so a sample reads one reference less. */
    private final Tier fine;

    NodeHistory() {
        for (int i = 0; i < TIERS.length; i++) {
            tiers[i] = new Tier(TIERS[i]);
        }
        fine = tiers[0];
    }

    /** Adds a sample taken at {@code atMs}; {@code values} is indexed by {@link SeriesMetric#ordinal()}, NaN = absent. */
    synchronized void record(long atMs, double[] values) {
        if (fine.head >= 0 && Math.floorDiv(atMs, fine.bucketMs) > fine.head) {
            rollUp(tiers, fine);
        }
        fine.record(atMs, values);
    }

    /** Adds the open bucket of {@code fine} (tier 0) to the coarser tiers of {@code into}. */
    private static void rollUp(Tier[] into, Tier fine) {
        for (int i = 1; i < into.length; i++) {
            into[i].add(fine.head * fine.bucketMs, fine.open);
        }
    }

    /** The series of {@code metric} over the {@code period} that ends at {@code nowMs}. */
    synchronized MetricSeries query(Period period, SeriesMetric metric, long nowMs) {
        Tier tier = tiers[period.tier()];
        if (period.tier() > 0 && fine.head >= 0) {
            tier = tier.copy(); // a view that includes the samples not yet rolled up
            tier.add(fine.head * fine.bucketMs, fine.open);
        }
        return tier.query(metric.ordinal(), nowMs - period.spanMs(), nowMs);
    }

    /** A ring of buckets. */
    private static final class Tier {
        /** Accumulators per metric in {@link #open}: sum, count, peak, side by side. */
        static final int OPEN_STRIDE = 3;
        private static final int AT_SUM = 0;
        private static final int AT_COUNT = 1;
        private static final int AT_PEAK = 2;

        private final long bucketMs;
        private final int slots;
        /**
         * The closed buckets' means and peaks, {@code slots * metrics} {@link Float16} codes each; null (all
         * empty) until the first bucket closes. Made then rather than up front, so the state every sample
         * touches (a few hundred bytes) is not spread out by kilobytes of rings: for many nodes, their open
         * buckets then sit on few memory pages.
         */
        private char[] means;
        private char[] peaks;
        /**
         * The open bucket's exact accumulators, {@link #OPEN_STRIDE} per metric at {@code metric * OPEN_STRIDE}:
         * the sum of the samples, their count (a whole number) and the highest of them, rounded to float
         * precision. One array, so a sample touches the fewest cache lines.
         */
        private final double[] open = new double[OPEN_STRIDE * SeriesMetric.COUNT];
        /** The absolute number ({@code atMs / bucketMs}) of the open bucket; -1 before the first sample. */
        private long head = -1;

        Tier(TierShape shape) {
            this.bucketMs = shape.bucketMs();
            this.slots = shape.slots();
        }

        private Tier(Tier other) {
            this.bucketMs = other.bucketMs;
            this.slots = other.slots;
            this.means = other.means == null ? null : other.means.clone();
            this.peaks = other.peaks == null ? null : other.peaks.clone();
            System.arraycopy(other.open, 0, open, 0, open.length);
            this.head = other.head;
        }

        Tier copy() {
            return new Tier(this);
        }

        /** Adds one sample; one older than the open bucket changes nothing. */
        void record(long atMs, double[] values) {
            if (!advanceTo(Math.floorDiv(atMs, bucketMs))) {
                return;
            }
            for (int m = 0; m < SeriesMetric.COUNT; m++) {
                double v = values[m];
                if (!Double.isNaN(v)) {
                    int a = m * OPEN_STRIDE;
                    double top = (float) v;
                    open[a + AT_PEAK] = open[a + AT_COUNT] == 0 ? top : Math.max(open[a + AT_PEAK], top);
                    open[a + AT_SUM] += v;
                    open[a + AT_COUNT]++;
                }
            }
        }

        /** Adds the exact accumulators of a finer bucket that starts at {@code atMs} (laid out as {@link #open}). */
        void add(long atMs, double[] finer) {
            if (!advanceTo(Math.floorDiv(atMs, bucketMs))) {
                return;
            }
            for (int a = 0; a < open.length; a += OPEN_STRIDE) {
                if (finer[a + AT_COUNT] > 0) {
                    double top = finer[a + AT_PEAK];
                    open[a + AT_PEAK] = open[a + AT_COUNT] == 0 ? top : Math.max(open[a + AT_PEAK], top);
                    open[a + AT_SUM] += finer[a + AT_SUM];
                    open[a + AT_COUNT] += finer[a + AT_COUNT];
                }
            }
        }

        /** Makes {@code bucket} the open one (closing and clearing as needed); false if it is older than that. */
        private boolean advanceTo(long bucket) {
            if (head >= 0 && bucket < head) {
                return false;
            }
            if (bucket > head) {
                if (head >= 0) {
                    close();
                    for (long b = head + 1; b < bucket && b <= head + slots; b++) {
                        clear(slot(b));
                    }
                }
                head = bucket;
                java.util.Arrays.fill(open, 0);
            }
            return true;
        }

        private int slot(long bucket) {
            return (int) Math.floorMod(bucket, (long) slots);
        }

        private void clear(int slot) {
            if (means == null) {
                return; // every bucket is empty
            }
            for (int m = 0; m < SeriesMetric.COUNT; m++) {
                means[slot * SeriesMetric.COUNT + m] = Float16.EMPTY;
                peaks[slot * SeriesMetric.COUNT + m] = Float16.EMPTY;
            }
        }

        private void close() {
            if (means == null) {
                means = new char[slots * SeriesMetric.COUNT];
                peaks = new char[slots * SeriesMetric.COUNT];
                java.util.Arrays.fill(means, Float16.EMPTY);
                java.util.Arrays.fill(peaks, Float16.EMPTY);
            }
            int base = slot(head) * SeriesMetric.COUNT;
            for (int m = 0; m < SeriesMetric.COUNT; m++) {
                int a = m * OPEN_STRIDE;
                boolean any = open[a + AT_COUNT] > 0;
                means[base + m] = any ? Float16.encode(open[a + AT_SUM] / open[a + AT_COUNT]) : Float16.EMPTY;
                peaks[base + m] = any ? Float16.encode(open[a + AT_PEAK]) : Float16.EMPTY;
            }
        }

        MetricSeries query(int metric, long fromMs, long nowMs) {
            List<MetricSeries.Point> points = new ArrayList<>();
            if (head < 0) {
                return new MetricSeries(points, Double.NaN, Double.NaN, bucketMs);
            }
            long newest = Math.min(head, Math.floorDiv(nowMs, bucketMs));
            long oldest = Math.max(Math.max(head - slots + 1, Math.floorDiv(fromMs, bucketMs) + 1),
                    Math.floorDiv(nowMs, bucketMs) - slots + 1);
            double sum = 0;
            double peak = Double.NaN;
            for (long b = oldest; b <= newest; b++) {
                double mean;
                double top;
                if (b == head) {
                    int a = metric * OPEN_STRIDE;
                    if (open[a + AT_COUNT] == 0) {
                        continue;
                    }
                    mean = open[a + AT_SUM] / open[a + AT_COUNT];
                    top = open[a + AT_PEAK];
                } else {
                    int i = slot(b) * SeriesMetric.COUNT + metric;
                    if (means == null || means[i] == Float16.EMPTY) {
                        continue;
                    }
                    mean = Float16.decode(means[i]);
                    top = Float16.decode(peaks[i]);
                }
                points.add(new MetricSeries.Point(b * bucketMs, mean, top));
                sum += mean;
                peak = Double.isNaN(peak) ? top : Math.max(peak, top);
            }
            double average = points.isEmpty() ? Double.NaN : sum / points.size();
            return new MetricSeries(points, average, peak, bucketMs);
        }
    }
}
