package io.corral.server.policies.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Placement of shard replicas on nodes: a pure, deterministic function from a {@link PlacementInput} to a
 * {@link PlacementResult}, by rendezvous hashing with bounded loads that changes as little as it must.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Nodes.</b> No shard has two replicas on one node. Only ACCEPT nodes receive new replicas; KEEP nodes
 *       keep what they have; EVACUATE nodes, nodes absent from the input, nodes that no longer match the
 *       resource's node selector and nodes with an untolerated {@code NoExecute} taint end with none of the
 *       resource's replicas. A new replica goes only to a node whose {@code NoSchedule} and {@code NoExecute}
 *       taints are all tolerated; nodes with an untolerated {@code PreferNoSchedule} taint receive none while the
 *       other receivers suffice (see {@link ResourceState}).</li>
 *   <li><b>Zones.</b> With {@code spreadZones} and at least as many zones with receiving nodes as replicas per
 *       shard, no shard ever has two replicas in one zone (a node without a zone is a zone of its own). With
 *       fewer zones, a new replica still goes to an unused zone whenever one has a node with room, and a warning
 *       says so.</li>
 *   <li><b>Load bound.</b> For each resource, its replicas on the nodes that may receive it have a weighted
 *       fair share per node ({@link LoadShares}: proportional to weight, capped at one replica per shard per
 *       node and, with strict spread, per zone). No node holds more than {@code ceil((1 + epsilon) * share)} of a
 *       resource's replicas, nor more than {@code ceil((1 + epsilon) * sum of its shares)} in all, except when
 *       no eligible node has room, in which case a warning names the node. New replicas first fill nodes below
 *       {@code floor((1 - epsilon) * share)}, and such nodes then take over existing replicas up to that lower
 *       bound (a node that joins is not left empty).</li>
 *   <li><b>Minimal movement.</b> Every existing replica that is still valid stays, except the fewest needed to
 *       bring a node back within its upper bound or up to its lower bound. A node leaving moves only its own
 *       replicas (plus, rarely, what a neighbour's lower bound needs); a node joining receives its lower bound
 *       and nothing else moves but replicas above the (lowered) upper bounds, which go to it first.</li>
 *   <li><b>minActiveReplicas.</b> A shard with fewer replicas on ACCEPT nodes than this gets its KEEP-node
 *       replicas replaced now (each one stays if no replacement is found).</li>
 *   <li><b>Leaders</b> (the first node of each list): see {@link LeaderChooser}.</li>
 *   <li><b>Determinism.</b> The result depends only on the content of the input, not on the order of the node
 *       or resource lists or on map iteration order; placing the result again moves nothing.</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * Each resource is placed on its own ({@link ResourceRun}), the most constrained (fewest balance nodes)
 * first. Missing replicas are placed shard by shard with hierarchical weighted rendezvous hashing
 * ({@link CandidateTree}): zones, then groups of at most 32 nodes, then nodes, skipping any subtree without
 * room, so a replica costs about a hundred hashes whatever the cluster size. A replica that finds no room is
 * fitted in by rerouting replicas placed earlier in the same run ({@link CapacityRepair}). The assignment is
 * returned as a compact immutable map; handing it back as the next {@code current} makes re-placement
 * proportional to what changed plus one pass over the replicas.
 */
public final class Placement {
    private Placement() {
    }

    /**
     * Places every shard of every resource of {@code input}.
     *
     * @throws IllegalArgumentException on invalid input: duplicate node or resource ids, a node without a
     *                                  positive finite weight or without a mode, a negative or non-finite
     *                                  epsilon, negative partitions or replication factor
     */
    public static PlacementResult place(PlacementInput input) {
        if (input == null || input.nodes() == null || input.resources() == null) {
            throw new IllegalArgumentException("placement needs nodes and resources");
        }
        double epsilon = input.epsilon();
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        NodeIndex nodes = new NodeIndex(input.nodes());
        List<ResourceState> byId = resources(input.resources(), nodes);
        Map<String, ResourceState> lookup = new HashMap<>();
        for (ResourceState state : byId) {
            lookup.put(state.id, state);
        }
        InputReader reader = new InputReader(nodes, lookup);
        reader.read(input.current());
        KeptReplicas kept = new KeptReplicas(nodes);
        Loads loads = new Loads(nodes.size(), epsilon);
        for (ResourceState state : byId) {
            kept.settle(state);
            double[] shares = LoadShares.shares(state, nodes, LoadShares.target(state, nodes));
            for (int i = 0; i < state.members.length; i++) {
                loads.share[state.members[i]] += shares[i];
            }
            for (int p = 0; p < state.partitions; p++) {
                for (int i = 0; i < state.count[p]; i++) {
                    int n = state.slot(p, i);
                    if (state.isMember(n)) {
                        loads.load[n]++;
                    }
                }
            }
        }
        loads.computeCaps();
        List<ResourceState> order = new ArrayList<>(byId);
        order.sort(Comparator.<ResourceState>comparingInt(s -> s.members.length).thenComparing(s -> s.id));
        int[] memberIndex = new int[nodes.size()];
        Arrays.fill(memberIndex, -1);
        Map<String, Map<Integer, Integer>> overBound = new TreeMap<>();
        for (ResourceState state : order) {
            ResourceRun run = new ResourceRun(state, nodes, loads, memberIndex);
            run.run();
            if (!run.overBound.isEmpty()) {
                overBound.put(state.id, run.overBound);
            }
        }
        LeaderChooser.choose(byId, nodes);
        return ResultBuilder.build(byId, nodes, reader, kept, overBound);
    }

    private static List<ResourceState> resources(List<PlacementResource> input, NodeIndex nodes) {
        List<PlacementResource> sorted = new ArrayList<>();
        for (PlacementResource resource : input) {
            if (resource == null || resource.id() == null) {
                throw new IllegalArgumentException("a placement resource needs an id");
            }
            sorted.add(resource);
        }
        sorted.sort(Comparator.comparing(PlacementResource::id));
        List<ResourceState> states = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException("duplicate resource id " + sorted.get(i).id());
            }
            states.add(new ResourceState(sorted.get(i), nodes));
        }
        return states;
    }
}
