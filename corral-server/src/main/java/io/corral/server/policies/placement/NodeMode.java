package io.corral.server.policies.placement;

/** How a node takes part in placement. */
public enum NodeMode {
    /** Keeps its replicas and may receive new ones (an active node). */
    ACCEPT,
    /** Keeps the replicas it has, receives none (maintenance, or inactive within the re-placement delay). */
    KEEP,
    /** Must lose every replica (draining, or inactive past the re-placement delay). */
    EVACUATE
}
