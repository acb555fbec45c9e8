package io.corral.server.policies.placement;

/**
 * The coordinator's one placement function (the rebalancer, shard map plan and apply, resource creation and
 * update all call it on {@code ShardPlanner.input} of an image).
 *
 * <p>Placement of shard replicas on nodes: a pure, deterministic function from a {@link PlacementInput} to a
 * {@link PlacementResult}, by rendezvous hashing with bounded loads that changes as little as it must.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Nodes.</b> No shard has two replicas on one node. Only ACCEPT nodes receive new replicas; KEEP nodes
 *       keep what they have and receive nothing; EVACUATE nodes, nodes absent from the input, nodes that no
 *       longer match the resource's node selector and nodes with an untolerated {@code NoExecute} taint end with
 *       none of the resource's replicas. A new replica goes only to a node whose {@code NoSchedule} and
 *       {@code NoExecute} taints are all tolerated; nodes with an untolerated {@code PreferNoSchedule} taint
 *       receive none while the other receivers suffice (see {@link ResourceState}), except as a last resort.
 *       A shard has fewer replicas than its replication factor only when fewer eligible nodes exist.</li>
 *   <li><b>Zones.</b> With {@code spreadZones} and at least as many zones with receiving nodes as replicas per
 *       shard, no shard ever has two replicas in one zone (a node without a zone is a zone of its own). With
 *       fewer zones ("best effort", with a warning), every shard gets a replica in every zone that has room
 *       and the shares below count on that.</li>
 *   <li><b>Load bounds.</b> Each resource's replicas on its balance set (the ACCEPT nodes that may receive it)
 *       have a fair share per node ({@link LoadShares}: proportional to weight, at most one replica per shard
 *       and node, and with strict spread per zone). No node holds more than {@code ceil((1 + epsilon) * share)}
 *       of a resource's replicas, nor more than {@code ceil((1 + epsilon) * sum of its shares)} over all
 *       resources, unless no eligible node has room, not even by a chain of moves through full nodes (with
 *       zone spread a node's replicas may fit nowhere else in its zone until a neighbour gives one of another
 *       shard to another zone), in which case a warning names it. New replicas fill nodes
 *       below {@code floor((1 - epsilon) * share)} first, and a node that was below that lower bound on input
 *       (it joined, became eligible, or its share grew) takes over existing ones up to it. The bounds depend on the input
 *       alone, so carrying a plan out in steps and placing again after each step reaches them too.</li>
 *   <li><b>Minimal movement.</b> Every existing replica that is still valid stays, except those a node must
 *       give up to get back within its upper bound (the replicas it ranks lowest, preferring ones a node below
 *       its share can take), those a node that was below its lower bound on input takes over, and, when a replica can go
 *       nowhere within the bounds, replicas moved along a chain of full nodes to make room (as few as any
 *       such chain needs). So a node leaving moves its own
 *       replicas and otherwise only replicas from nodes that end at their upper bound or to nodes that were
 *       below their lower bound; a node joining receives
 *       its lower bound, mostly from replicas others must shed (property-tested: at most
 *       {@code ceil(1.05 * max(its lower bound, replicas others must shed)) + replicationFactor} moves).</li>
 *   <li><b>minActiveReplicas.</b> A shard with fewer replicas on ACCEPT nodes than this gets its KEEP-node
 *       replicas replaced now, as many as there are places for (each stays if no replacement is found).</li>
 *   <li><b>Leaders</b> (the first node of each list): see {@link LeaderChooser}.</li>
 *   <li><b>Determinism.</b> The result depends only on the content of the input, not on the order of the node
 *       or resource lists or on map iteration order; placing the result again moves nothing (when a node was
 *       left above a bound, up to {@value #EXTRA_PASSES} more passes run over the result to reach that point).</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * Each resource is placed on its own ({@link ResourceRun}), the most constrained (fewest balance nodes)
 * first. Missing replicas are placed shard by shard with hierarchical weighted rendezvous hashing
 * ({@link CandidateTree}): zones, then groups of about the square root of the zone's size, then nodes,
 * skipping any subtree without room, so a replica costs a few dozen hashes whatever the cluster size. A
 * replica that finds no room is fitted in by rerouting replicas placed earlier in the same run
 * ({@link CapacityRepair}); nodes left below their lower bound are filled by {@link DeficitFiller}; a node
 * still above its bound then gives replicas away, through a chain of full nodes if it must. The
 * assignment is returned as a compact immutable map; handing it back as the next {@code current} makes
 * re-placement proportional to what changed plus one pass over the replicas. Last, {@link Shortcuts} removes
 * detours (a replica moved onto a node that gives another replica of the same resource away).
 */
public final class HierarchicalPlacement {
    /** Passes over the result, when a node was left above its bound, until nothing moves. */
    private static final int EXTRA_PASSES = 3;

    private HierarchicalPlacement() {
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
        PlacementPass.Outcome first = PlacementPass.run(input);
        if (!first.aboveBound()) {
            return Shortcuts.apply(input, first.result());
        }
        // Some node was left above its bound: the loads settled only at the end, so pass again over the result
        // until nothing moves, so that placing the final result once more moves nothing either.
        PlacementResult last = first.result();
        for (int pass = 0; pass < EXTRA_PASSES; pass++) {
            PlacementPass.Outcome next = PlacementPass.run(
                    new PlacementInput(input.nodes(), input.resources(), last.assignment(), epsilon));
            if (next.result().moves().isEmpty()) {
                break;
            }
            last = next.result();
            if (!next.aboveBound()) {
                break;
            }
        }
        return Shortcuts.apply(input,
                last == first.result() ? last : Rebase.onto(input.current(), last, first.result().warnings()));
    }
}
