package io.corral.server.records;

/** A resource and its shard map were deleted. */
public record ResourceDeleted(String workspace, String resourceId, long atMs, String actor) implements Record {
}
