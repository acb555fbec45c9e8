package io.corral.server.policies.autoscale;

import java.util.Locale;

/**
 * Why an autoscale decision does nothing. {@link #notable()} marks the refusals a person should hear
 * about (the policy wanted to act and cannot without help); the others are the policy waiting, as it
 * should, or having nothing to do.
 */
public enum Refusal {
    /** The policy is switched off. */
    DISABLED(false),
    /** Cluster maintenance mode is on: re-placement is frozen, so no node is added or drained. */
    CLUSTER_MAINTENANCE(false),
    /** A shard move of the workspace is under way; autoscale never interrupts one. */
    MOVE_IN_PROGRESS(false),
    /** A node of the workspace is draining; its replicas are still on the way out. */
    NODE_DRAINING(false),
    /** The last action was less than the cooldown ago. */
    COOLDOWN(false),
    /** Every member node is between the water marks (or reports nothing to act on). */
    WITHIN_BOUNDS(false),
    /** Above the high water, but the workspace already has {@code max_nodes} member nodes. */
    AT_MAX_NODES(true),
    /** Above the high water, but no active standby node is there to promote. */
    STANDBY_POOL_EMPTY(true),
    /** Below the low water, but the workspace has only {@code min_nodes} member nodes. */
    AT_MIN_NODES(false),
    /** Below the low water, but some member node is not active, so capacity is not removed now. */
    MEMBERS_NOT_READY(false),
    /** Below the low water, but some active member node does not report the metric. */
    METRICS_MISSING(false),
    /** Below the low water, but the remaining nodes would then average above the high water. */
    WOULD_OVERLOAD(false);

    private final boolean notable;

    Refusal(boolean notable) {
        this.notable = notable;
    }

    /** Whether a person should be told (an {@code autoscale.skipped} event). */
    public boolean notable() {
        return notable;
    }

    /** The lower-case code used in events and the API, e.g. {@code standby_pool_empty}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
