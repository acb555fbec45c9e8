package io.corral.server.domain;

/**
 * How a resource's data follows a placement change. {@code NONE}: the map changes at once (for shards
 * that hold no data Corral must protect, or systems that re-sync on their own). {@code STAGED}: each
 * replica change is a {@link Move} that nodes carry out step by step (snapshot, catch-up, cutover,
 * cleanup) while writes continue.
 */
public enum DataMovement {
    NONE,
    STAGED
}
