package io.corral.server.domain;

import java.util.regex.Pattern;

/**
 * A workspace's autoscale policy, generalising seed 003's {@code AutoscaleConfig}. Immutable; the
 * constructor validates every field and throws {@link CorralException} ({@code VALIDATION_FAILED})
 * naming the first bad one, so an invalid policy never reaches the log.
 *
 * <p>The load signal is the value of {@code metric} in each node's latest heartbeat. When the busiest
 * member node is above {@code highWater}, one standby node (see {@link Standby}) is promoted; when the
 * least-loaded member is below {@code lowWater}, it is drained, never below {@code minNodes}. Between
 * two actions at least {@code cooldownMs} pass; the policy is evaluated every {@code intervalMs}.
 *
 * @param enabled    whether the policy acts at all
 * @param metric     the heartbeat metric to read, e.g. {@code keys}, {@code points}, {@code cpu_percent},
 *                   {@code memory_percent}
 * @param highWater  scale out when a member's metric is above this; 0 never scales out
 * @param lowWater   scale in when a member's metric is below this; 0 never scales in
 * @param minNodes   scale-in never leaves fewer member nodes than this, at least 1
 * @param maxNodes   scale-out never grows to more member nodes than this; 0 means no cap
 * @param intervalMs how often the policy is evaluated
 * @param cooldownMs the least time between two scale actions
 */
public record AutoscaleSettings(boolean enabled, String metric, double highWater, double lowWater, int minNodes,
                                int maxNodes, long intervalMs, long cooldownMs) {

    /** Metric names: 1-64 characters; declared first, since {@link #DEFAULTS} is validated with it. */
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    /** What a workspace has until an operator sets its own: off; seed 003's interval and cooldown. */
    public static final AutoscaleSettings DEFAULTS = new AutoscaleSettings(false, "keys", 0, 0, 1, 0, 30_000,
            300_000);

    public static final int MAX_NODES_LIMIT = 100_000;
    public static final long MIN_INTERVAL_MS = 1_000;
    public static final long MAX_INTERVAL_MS = 3_600_000;
    public static final long MAX_COOLDOWN_MS = 7L * 24 * 3_600_000;

    public AutoscaleSettings {
        if (metric == null || !METRIC.matcher(metric).matches()) {
            throw CorralException.invalid("metric", "metric must be 1-64 characters from A-Z a-z 0-9 _ . : - "
                    + "starting with a letter or digit, got '" + metric + "'");
        }
        checkLevel("high_water", highWater);
        checkLevel("low_water", lowWater);
        if (highWater > 0 && lowWater >= highWater) {
            throw CorralException.invalid("low_water", "low_water (" + lowWater + ") must be below high_water ("
                    + highWater + "), or 0 to never scale in");
        }
        if (minNodes < 1 || minNodes > MAX_NODES_LIMIT) {
            throw CorralException.invalid("min_nodes", "min_nodes must be between 1 and " + MAX_NODES_LIMIT
                    + ", got " + minNodes);
        }
        if (maxNodes < 0 || maxNodes > MAX_NODES_LIMIT || (maxNodes > 0 && maxNodes < minNodes)) {
            throw CorralException.invalid("max_nodes", "max_nodes must be 0 (no cap) or between min_nodes ("
                    + minNodes + ") and " + MAX_NODES_LIMIT + ", got " + maxNodes);
        }
        if (intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
            throw CorralException.invalid("interval", "interval must be between 1s and 1h, got " + intervalMs
                    + " ms");
        }
        if (cooldownMs < 0 || cooldownMs > MAX_COOLDOWN_MS) {
            throw CorralException.invalid("cooldown", "cooldown must be between 0s and 168h, got " + cooldownMs
                    + " ms");
        }
        if (enabled && highWater == 0 && lowWater == 0) {
            throw CorralException.invalid("high_water", "an enabled policy needs high_water or low_water above 0");
        }
    }

    private static void checkLevel(String field, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw CorralException.invalid(field, field + " must be a finite number >= 0, got " + v);
        }
    }

    /** A metric value or water mark for messages, without a trailing {@code .0}: {@code 1000}, {@code 72.5}. */
    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** Whether the policy may add nodes. */
    public boolean scalesOut() {
        return enabled && highWater > 0;
    }

    /** Whether the policy may drain nodes. */
    public boolean scalesIn() {
        return enabled && lowWater > 0;
    }
}
