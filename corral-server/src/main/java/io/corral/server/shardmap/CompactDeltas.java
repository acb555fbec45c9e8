package io.corral.server.shardmap;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.policies.placement.CompactShards;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.policies.placement.ShardRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ShardPlanner#deltas} by comparing int arrays: the placement's own assignment against the compact form of
 * each current map ({@link AssignmentCache}), so that only shards whose node list changed are looked at as
 * objects. Gives exactly the deltas of the straightforward walk, or null when it does not apply (the assignment is
 * not a placement's own, names a resource that is not a partitioned one of the workspace, or a map has no compact
 * form).
 */
final class CompactDeltas {
    private CompactDeltas() {
    }

    static List<ShardDelta> deltas(ClusterImage img, String workspace, PlacementResult result, Set<String> only,
                                   AssignmentCache cache) {
        List<String> placed = CompactShards.resourceIds(result.assignment());
        if (placed == null) {
            return null;
        }
        TreeMap<String, ResourceMap> maps = new TreeMap<>();
        for (Resource r : img.resourcesIn(workspace)) {
            if (r.routing() == RoutingStyle.PARTITIONED && (only == null || only.contains(r.id()))) {
                maps.put(r.id(), img.map(workspace, r.id()));
            }
        }
        for (String rid : placed) {
            if ((only == null || only.contains(rid)) && !maps.containsKey(rid)) {
                return null;
            }
        }
        List<ShardDelta> out = new ArrayList<>();
        for (var e : maps.entrySet()) {
            String rid = e.getKey();
            CompactShards before = cache.compact(workspace, rid, e.getValue());
            if (before == null) {
                return null;
            }
            CompactShards.Changes changes = CompactShards.changed(result.assignment(), before);
            List<Shard> set = new ArrayList<>();
            for (int p : changes.changed()) {
                List<String> nodeIds = result.assignment().get(new ShardRef(rid, p));
                List<Replica> replicas = new ArrayList<>();
                for (int i = 0; i < nodeIds.size(); i++) {
                    replicas.add(new Replica(nodeIds.get(i), null,
                            i == 0 ? Replica.Role.LEADER : Replica.Role.FOLLOWER, Replica.State.ACTIVE));
                }
                set.add(new Shard(p, Shard.State.ACTIVE, replicas));
            }
            List<Long> removed = new ArrayList<>();
            for (long p = changes.shards(); p < before.shards(); p++) {
                removed.add(p);
            }
            if (!set.isEmpty() || !removed.isEmpty()) {
                out.add(new ShardDelta(rid, set, removed));
            }
        }
        return out;
    }
}
