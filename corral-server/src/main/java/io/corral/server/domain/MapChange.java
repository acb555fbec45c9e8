package io.corral.server.domain;

import java.util.List;

/** What one map version changed: which shards of which resource were set or removed, and why. */
public record MapChange(long version, String workspace, String resourceId, List<Long> changedShards,
                        List<Long> removedShards, boolean resourceDeleted, String reason, long atMs) {
}
