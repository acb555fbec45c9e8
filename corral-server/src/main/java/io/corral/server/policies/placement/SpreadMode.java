package io.corral.server.policies.placement;

/** How a resource's replicas are spread over zones. */
enum SpreadMode {
    /** No zone rule: replicas only need distinct nodes. */
    NONE,
    /** Zone spread asked for and enough zones have eligible nodes: at most one replica of a shard per zone. */
    STRICT,
    /** Zone spread asked for but fewer zones than replicas: a new replica goes to an unused zone when one has room. */
    BEST_EFFORT
}
