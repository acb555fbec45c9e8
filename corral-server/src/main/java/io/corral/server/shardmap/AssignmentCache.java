package io.corral.server.shardmap;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.policies.placement.CompactShards;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compact form ({@link CompactShards}) of resources' shard maps, kept from one planning step to the next so
 * that a step over an unchanged map neither rebuilds it nor hashes its node ids. An entry is used only for the
 * very {@link ResourceMap} object (and version) it was built from: image maps are immutable, so that object
 * always has the same shards. The compact form holds its own node table, so it does not depend on the node set;
 * the placement translates that table to its nodes on each call. A new map of a resource is read once, and its
 * shards that are the same objects as in the map before are copied rather than read. Thread-safe; holds at most
 * one map per resource (the last one asked for), and none for a resource that {@link #forgetDeleted} found gone.
 */
public final class AssignmentCache {
    /** {@code shards}: the map's shards by id (shard {@code p} at index {@code p}), null with {@code compact}. */
    private record Entry(String workspace, String resourceId, ResourceMap map, CompactShards compact,
                         Shard[] shards) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The compact form of {@code map}, the map of resource {@code resourceId} in {@code workspace}; null when the
     * map cannot be held compactly (its shard ids are not exactly {@code 0..n-1}, or a replica has no node).
     */
    public CompactShards compact(String workspace, String resourceId, ResourceMap map) {
        String key = workspace + '\u0000' + resourceId;
        Entry e = entries.get(key);
        if (isFor(e, map)) {
            return e.compact;
        }
        // Built under the entry's lock: a caller asking for the same resource while another builds it (a tick
        // while the cache is warmed) waits for that build instead of repeating it.
        return entries.compute(key, (k, current) -> isFor(current, map) ? current
                : build(workspace, resourceId, map, current == null || current.compact == null ? null : current))
                .compact;
    }

    /** Whether {@code e} was built from the very object {@code map}. */
    private static boolean isFor(Entry e, ResourceMap map) {
        return e != null && e.map == map && e.map.version() == map.version();
    }

    /**
     * Builds the compact form of the map of every partitioned resource of {@code image}, as the first planning
     * step over it would, so that this step (and one over maps that share most shards with these, such as the
     * maps after a leader failover) finds them ready. Meant for when this coordinator starts or becomes leader,
     * on a thread other than the one that plans; planning meanwhile stays correct (it waits for a resource being
     * built or builds it itself).
     */
    public void warm(ClusterImage image) {
        for (String workspace : image.workspaces().keySet()) {
            for (Resource r : image.resourcesIn(workspace)) {
                if (r.routing() == RoutingStyle.PARTITIONED) {
                    compact(workspace, r.id(), image.map(workspace, r.id()));
                }
            }
        }
    }

    /** Drops the entries of resources that {@code image} no longer has, so deleted resources hold no memory. */
    public void forgetDeleted(ClusterImage image) {
        entries.values().removeIf(e -> image.resource(e.workspace(), e.resourceId()).isEmpty());
    }

    /** How many resources have an entry (for tests). */
    int size() {
        return entries.size();
    }

    /**
     * Builds the compact form of {@code map}. With the entry of an earlier map of the resource, a shard that is
     * the very same object in both maps (the image's maps share unchanged shards) is copied from the earlier
     * compact form without looking at its node ids.
     */
    private static Entry build(String workspace, String resourceId, ResourceMap map, Entry earlier) {
        CompactShards.Builder b = new CompactShards.Builder(resourceId, earlier == null ? null : earlier.compact);
        Shard[] before = earlier == null ? new Shard[0] : earlier.shards;
        Shard[] shards = new Shard[map.shards().size()];
        int p = 0;
        for (Shard s : map.shards().values()) {
            if (s.id() != p) {
                return new Entry(workspace, resourceId, map, null, null);
            }
            shards[p] = s;
            if (p < before.length && before[p] == s) {
                b.addSame(p);
            } else {
                for (Replica r : s.replicas()) {
                    if (r.nodeId() == null) {
                        return new Entry(workspace, resourceId, map, null, null);
                    }
                }
                b.add(ImageAssignment.nodeIds(s));
            }
            p++;
        }
        return new Entry(workspace, resourceId, map, b.build(), shards);
    }
}
