package io.corral.server.shardmap;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Standby;
import io.corral.server.policies.placement.CompactShards;
import io.corral.server.policies.placement.NodeMode;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementNode;
import io.corral.server.policies.placement.PlacementResource;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.policies.placement.ShardRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects the image to the placement policy: builds a {@link PlacementInput} for one workspace's
 * partitioned resources, and turns a {@link PlacementResult} back into per-resource shard deltas.
 * Pure: time comes in as {@code nowMs}.
 *
 * <p>Node modes: {@code active} nodes accept replicas; {@code maintenance}, {@code joining},
 * {@code provisioning} nodes and nodes inactive for less than the re-placement delay keep theirs;
 * nodes inactive for longer, and {@code draining}, {@code drained}, {@code stopped}, {@code failed}
 * nodes, must be evacuated. Coordinators hold no shards. An active node in the standby pool
 * ({@link Standby}) keeps what it holds and receives nothing until it is promoted.
 */
public final class ShardPlanner {
    /** Placement settings: the re-placement delay for inactive nodes and the load bound epsilon. */
    public record Settings(long replacementDelayMs, double epsilon) {
        public static final Settings DEFAULT = new Settings(30_000, 0.05);
    }

    private ShardPlanner() {
    }

    public static NodeMode mode(Node n, long nowMs, long replacementDelayMs) {
        Lifecycle s = n.status();
        if (s == Lifecycle.ACTIVE) {
            return Standby.is(n) ? NodeMode.KEEP : NodeMode.ACCEPT;
        }
        if (s == Lifecycle.INACTIVE) {
            return nowMs - n.statusChangedAtMs() < replacementDelayMs ? NodeMode.KEEP : NodeMode.EVACUATE;
        }
        if (s == Lifecycle.MAINTENANCE || s == Lifecycle.JOINING || s == Lifecycle.PROVISIONING) {
            return NodeMode.KEEP;
        }
        return NodeMode.EVACUATE;
    }

    public static PlacementInput input(ClusterImage img, String workspace, long nowMs, Settings settings, WhatIf h) {
        return input(img, workspace, nowMs, settings, h, null);
    }

    /**
     * The placement input of {@code workspace}'s partitioned resources. With a {@code cache} (may be null), the
     * current assignment is built from the maps' compact forms, which the cache keeps while the maps do not
     * change; the input is equal either way.
     */
    public static PlacementInput input(ClusterImage img, String workspace, long nowMs, Settings settings, WhatIf h,
                                       AssignmentCache cache) {
        List<PlacementNode> nodes = new ArrayList<>();
        for (Node n : img.nodesIn(workspace)) {
            if ("coordinator".equals(n.role()) || h.removeNodes().contains(n.id())
                    || (n.zone() != null && h.zonesDown().contains(n.zone()))) {
                continue;
            }
            NodeMode mode = mode(n, nowMs, settings.replacementDelayMs());
            if (h.disableNodes().contains(n.id()) && mode == NodeMode.ACCEPT) {
                mode = NodeMode.KEEP;
            }
            nodes.add(new PlacementNode(n.id(), n.zone(), n.capacityWeight(), n.labels(), n.taints(), mode));
        }
        for (PlacementNode added : h.addNodes()) {
            if (added.zone() == null || !h.zonesDown().contains(added.zone())) {
                nodes.add(added);
            }
        }
        List<PlacementResource> resources = new ArrayList<>();
        java.util.LinkedHashMap<String, ResourceMap> maps = new java.util.LinkedHashMap<>();
        for (Resource r : img.resourcesIn(workspace)) {
            if (r.routing() != RoutingStyle.PARTITIONED) {
                continue;
            }
            WhatIf.ResourceOverride o = h.resources().get(r.id());
            int partitions = o != null && o.partitions() != null ? o.partitions() : r.partitions();
            int rf = o != null && o.replicationFactor() != null ? o.replicationFactor() : r.replicationFactor();
            resources.add(new PlacementResource(r.id(), partitions, rf, r.nodeSelector(), r.tolerations(),
                    r.spreadZones(), r.minActiveReplicas()));
            maps.put(r.id(), img.map(workspace, r.id()));
        }
        return new PlacementInput(nodes, resources, current(workspace, maps, cache), settings.epsilon());
    }

    private static Map<ShardRef, List<String>> current(String workspace, java.util.LinkedHashMap<String, ResourceMap> maps,
                                                       AssignmentCache cache) {
        if (cache != null) {
            List<CompactShards> compact = new ArrayList<>();
            for (Map.Entry<String, ResourceMap> e : maps.entrySet()) {
                CompactShards c = cache.compact(workspace, e.getKey(), e.getValue());
                if (c == null) {
                    return new ImageAssignment(maps);
                }
                compact.add(c);
            }
            return CompactShards.assignment(compact);
        }
        return new ImageAssignment(maps);
    }

    /**
     * The deltas from the current maps to {@code result}, for the resources in {@code only} (all when
     * null). A shard whose node list is unchanged is left alone; a changed one gets its new replicas,
     * leader first, all active (until staged moves exist, a replica change is an immediate map change).
     */
    public static List<ShardDelta> deltas(ClusterImage img, String workspace, PlacementResult result,
                                          java.util.Set<String> only) {
        return deltas(img, workspace, result, only, null);
    }

    /**
     * As {@link #deltas(ClusterImage, String, PlacementResult, java.util.Set)}, exactly the same deltas; with a
     * {@code cache} (may be null) and a result straight from the placement, only the shards whose node list
     * changed are visited as objects (the rest is compared as int arrays).
     */
    public static List<ShardDelta> deltas(ClusterImage img, String workspace, PlacementResult result,
                                          java.util.Set<String> only, AssignmentCache cache) {
        if (cache != null) {
            List<ShardDelta> fast = CompactDeltas.deltas(img, workspace, result, only, cache);
            if (fast != null) {
                return fast;
            }
        }
        Map<String, List<Shard>> set = new HashMap<>();
        Map<String, List<Long>> removed = new HashMap<>();
        // The assignment comes in shard order: walk each resource's map alongside it instead of looking every
        // shard up (a lookup is the fallback when it does not). Count the partitions 0..n-1 seen in order.
        Map<String, Integer> inOrder = new HashMap<>();
        String lastId = null;
        ResourceMap lastMap = null;
        java.util.Iterator<Shard> cursor = null;
        Shard pending = null;
        int lastPartition = -1;
        for (Map.Entry<ShardRef, List<String>> e : result.assignment().entrySet()) {
            String rid = e.getKey().resourceId();
            if (only != null && !only.contains(rid)) {
                continue;
            }
            int p = e.getKey().partition();
            if (!rid.equals(lastId)) {
                lastId = rid;
                lastMap = img.map(workspace, rid);
                cursor = lastMap.shards().values().iterator();
                pending = cursor.hasNext() ? cursor.next() : null;
                lastPartition = -1;
            }
            Shard before;
            if (p > lastPartition) {
                while (pending != null && pending.id() < p) {
                    pending = cursor.hasNext() ? cursor.next() : null;
                }
                before = pending != null && pending.id() == p ? pending : null;
            } else {
                before = lastMap.shards().get((long) p);
            }
            lastPartition = p;
            int next = inOrder.getOrDefault(rid, 0);
            inOrder.put(rid, next == p ? next + 1 : Integer.MIN_VALUE);
            if (before != null && sameNodes(before.replicas(), e.getValue())) {
                continue;
            }
            List<Replica> replicas = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                replicas.add(new Replica(e.getValue().get(i), null,
                        i == 0 ? Replica.Role.LEADER : Replica.Role.FOLLOWER, Replica.State.ACTIVE));
            }
            set.computeIfAbsent(rid, k -> new ArrayList<>())
                    .add(new Shard(e.getKey().partition(), Shard.State.ACTIVE, replicas));
        }
        for (Resource r : img.resourcesIn(workspace)) {
            if (r.routing() != RoutingStyle.PARTITIONED || (only != null && !only.contains(r.id()))) {
                continue;
            }
            ResourceMap map = img.map(workspace, r.id());
            int contiguous = inOrder.getOrDefault(r.id(), 0);
            if (map.shards().isEmpty() || (contiguous > 0 && map.shards().lastKey() < contiguous)) {
                continue; // every shard of the map is in the assignment
            }
            for (Long id : map.shards().keySet()) {
                if (!result.assignment().containsKey(new ShardRef(r.id(), id.intValue()))) {
                    removed.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(id);
                }
            }
        }
        List<ShardDelta> out = new ArrayList<>();
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(set.keySet());
        ids.addAll(removed.keySet());
        for (String rid : ids) {
            out.add(new ShardDelta(rid, set.getOrDefault(rid, List.of()), removed.getOrDefault(rid, List.of())));
        }
        return out;
    }

    /** Whether {@code replicas} are on exactly {@code nodeIds}, in that order. */
    private static boolean sameNodes(List<Replica> replicas, List<String> nodeIds) {
        if (replicas.size() != nodeIds.size()) {
            return false;
        }
        for (int i = 0; i < replicas.size(); i++) {
            if (!java.util.Objects.equals(replicas.get(i).nodeId(), nodeIds.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Leader-only deltas: shards whose leader sits on a node that no longer accepts, given a live follower. */
    public static List<ShardDelta> leaderFailovers(ClusterImage img, String workspace, long nowMs, Settings settings) {
        List<ShardDelta> out = new ArrayList<>();
        for (Resource r : img.resourcesIn(workspace)) {
            if (r.routing() != RoutingStyle.PARTITIONED) {
                continue;
            }
            List<Shard> changed = new ArrayList<>();
            ResourceMap map = img.map(workspace, r.id());
            for (Shard s : map.shards().values()) {
                Replica leader = s.leader();
                if (leader == null || accepts(img, leader.nodeId(), nowMs, settings)) {
                    continue;
                }
                for (int i = 1; i < s.replicas().size(); i++) {
                    if (accepts(img, s.replicas().get(i).nodeId(), nowMs, settings)) {
                        changed.add(promote(s, i));
                        break;
                    }
                }
            }
            if (!changed.isEmpty()) {
                out.add(new ShardDelta(r.id(), changed, List.of()));
            }
        }
        return out;
    }

    private static boolean accepts(ClusterImage img, String nodeId, long nowMs, Settings settings) {
        Node n = nodeId == null ? null : img.nodes().get(nodeId);
        return n != null && mode(n, nowMs, settings.replacementDelayMs()) == NodeMode.ACCEPT;
    }

    private static Shard promote(Shard s, int index) {
        List<Replica> replicas = new ArrayList<>();
        Replica newLeader = s.replicas().get(index);
        replicas.add(new Replica(newLeader.nodeId(), newLeader.url(), Replica.Role.LEADER, newLeader.state()));
        for (int i = 0; i < s.replicas().size(); i++) {
            if (i != index) {
                Replica r = s.replicas().get(i);
                replicas.add(new Replica(r.nodeId(), r.url(), Replica.Role.FOLLOWER, r.state()));
            }
        }
        return new Shard(s.id(), s.state(), replicas);
    }

    /** Whether two deltas lists would change nothing. */
    public static boolean isEmpty(List<ShardDelta> deltas) {
        return deltas.stream().allMatch(ShardDelta::isEmpty);
    }
}
