package io.corral.server.shardmap;

import io.corral.server.domain.Replica;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;
import io.corral.server.policies.placement.CompactShards;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compact form ({@link CompactShards}) of resources' shard maps, kept from one planning step to the next so
 * that a step over an unchanged map neither rebuilds it nor hashes its node ids. An entry is used only for the
 * very {@link ResourceMap} object (and version) it was built from: image maps are immutable, so that object
 * always has the same shards. The compact form holds its own node table, so it does not depend on the node set;
 * the placement translates that table to its nodes on each call. Thread-safe; holds at most one map per resource
 * (the last one asked for).
 */
public final class AssignmentCache {
    private record Entry(ResourceMap map, CompactShards compact) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The compact form of {@code map}, the map of resource {@code resourceId} in {@code workspace}; null when the
     * map cannot be held compactly (its shard ids are not exactly {@code 0..n-1}, or a replica has no node).
     */
    public CompactShards compact(String workspace, String resourceId, ResourceMap map) {
        String key = workspace + '\u0000' + resourceId;
        Entry e = entries.get(key);
        if (e != null && e.map == map && e.map.version() == map.version()) {
            return e.compact;
        }
        CompactShards built = build(resourceId, map);
        entries.put(key, new Entry(map, built));
        return built;
    }

    private static CompactShards build(String resourceId, ResourceMap map) {
        CompactShards.Builder b = new CompactShards.Builder(resourceId);
        long expected = 0;
        for (Shard s : map.shards().values()) {
            if (s.id() != expected++) {
                return null;
            }
            for (Replica r : s.replicas()) {
                if (r.nodeId() == null) {
                    return null;
                }
            }
            b.add(ImageAssignment.nodeIds(s));
        }
        return b.build();
    }
}
