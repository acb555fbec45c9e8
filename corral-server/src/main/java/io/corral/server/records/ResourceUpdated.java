package io.corral.server.records;

import io.corral.server.domain.Resource;

/** A resource's sharding or placement settings changed; carries the whole new value. */
public record ResourceUpdated(Resource resource, String change, long atMs, String actor) implements Record {
}
