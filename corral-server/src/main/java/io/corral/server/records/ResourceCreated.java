package io.corral.server.records;

import io.corral.server.domain.Resource;

/** A sharded resource was created (its initial placement follows as {@link ShardsChanged}). */
public record ResourceCreated(Resource resource, long atMs, String actor) implements Record {
}
