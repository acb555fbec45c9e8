package io.corral.jmh;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementNode;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.NodeStatusChanged;
import io.corral.server.records.Replayer;
import io.corral.server.records.ShardsChanged;
import io.corral.server.shardmap.AssignmentCache;
import io.corral.server.shardmap.ShardDelta;
import io.corral.server.shardmap.ShardPlanner;
import io.corral.server.shardmap.StagedMoves;
import io.corral.server.shardmap.WhatIf;
import java.util.List;
import java.util.Map;

/**
 * The benchmark cluster of {@link PlacementScenario} as the coordinator holds it: a {@link ClusterImage} built
 * by replaying records (nodes registered, the resource created, its shard map written), and the coordinator's
 * planning step over it, {@link #plan}: what {@code Rebalancer} does on each tick that has something to do,
 * {@code ShardPlanner.input} (image to placement input), {@link HierarchicalPlacement#place},
 * {@code ShardPlanner.deltas} (result to map changes) and {@code StagedMoves.split}; excluded are only the
 * submission of the changes to the log and their replay.
 */
public final class ImageScenario {
    private static final long NOW_MS = 1_000_000L;
    private static final String WS = Workspace.DEFAULT;
    private static final String RESOURCE = "table";

    private final PlacementScenario scenario;
    private final ShardPlanner.Settings settings;
    /** Nodes registered, resource created, no shards yet. */
    public final ClusterImage empty;
    /** As {@link #empty}, with the shard map of a full placement written. */
    public final ClusterImage placed;
    /**
     * What {@code Rebalancer} keeps between ticks: the compact form of the maps last planned. {@link #plan} uses
     * it; the constructor primes it with a tick over {@link #placed} (the settled tick before a failure or join,
     * which leave the maps as they are).
     */
    private final AssignmentCache assignments = new AssignmentCache();

    public ImageScenario(PlacementScenario scenario) {
        this.scenario = scenario;
        this.settings = new ShardPlanner.Settings(30_000, scenario.epsilon);
        ClusterImage img = ClusterImage.empty();
        long seq = 1;
        for (PlacementNode n : scenario.nodes) {
            img = Replayer.apply(img, new NodeRegistered(node(n.id(), seq++, n.zone()), 0, "bench"));
        }
        img = Replayer.apply(img, new io.corral.server.records.ResourceCreated(new Resource(WS, RESOURCE, "table",
                RoutingStyle.PARTITIONED, List.of(), scenario.resources.get(0).partitions(),
                scenario.resources.get(0).replicationFactor(), null, Map.of(), List.of(), true, 0, DataMovement.NONE,
                0, 0), 0, "bench"));
        this.empty = img;
        this.placed = written(img, plan(img, null).result());
        plan(placed);
    }

    private static Node node(String id, long seq, String zone) {
        return new Node(id, seq, WS, id, "data", NodeAddresses.NONE, Map.of(), List.of(), zone, null, 1.0,
                Lifecycle.ACTIVE, null, null, Map.of(), null, null, null, true, null, 0, 0, 0);
    }

    /** {@code img} with the map changes of {@code result} written, as the controller would replay them. */
    public static ClusterImage written(ClusterImage img, PlacementResult result) {
        for (ShardDelta d : ShardPlanner.deltas(img, WS, result, null)) {
            img = Replayer.apply(img, new ShardsChanged(WS, d.resourceId(), d.set(), d.removed(),
                    img.map(WS, d.resourceId()).nextShardId(), "bench", 0, "bench"));
        }
        return img;
    }

    /** {@link #placed} with node {@code index} failed (status {@code failed}: its replicas must go). */
    public ClusterImage failed(int index) {
        return Replayer.apply(placed, new NodeStatusChanged(scenario.nodes.get(index).id(), Lifecycle.FAILED, null,
                "bench", NOW_MS, "bench"));
    }

    /**
     * {@link #failed} after the coordinator's first reaction: the leader failover (a follower of each shard
     * led by the failed node becomes leader) written to the map, as {@code Rebalancer} does on the tick before
     * it re-places.
     */
    public ClusterImage failedAfterFailover(int index) {
        ClusterImage img = failed(index);
        for (ShardDelta d : ShardPlanner.leaderFailovers(img, WS, NOW_MS, settings)) {
            img = Replayer.apply(img, new ShardsChanged(WS, d.resourceId(), d.set(), d.removed(),
                    img.map(WS, d.resourceId()).nextShardId(), "bench", 0, "bench"));
        }
        return img;
    }

    /**
     * A cache holding the compact maps of {@code img}, as after a planning step over it, or as a coordinator
     * warms it when it starts or becomes leader with {@code img} ({@link AssignmentCache#warm}).
     */
    public static AssignmentCache cacheOf(ClusterImage img) {
        AssignmentCache cache = new AssignmentCache();
        cache.warm(img);
        return cache;
    }

    /** {@link #placed} with one more active node, {@code node-new} in {@code zone-3}. */
    public ClusterImage joined() {
        return Replayer.apply(placed, new NodeRegistered(node("node-new", scenario.nodes.size() + 1L, "zone-3"),
                NOW_MS, "bench"));
    }

    /** What one planning step of the coordinator computes. */
    public record Plan(PlacementResult result, List<ShardDelta> deltas, StagedMoves.Split split) {
    }

    /** The stages of {@link #plan} one by one, with the wall time of each in nanoseconds. */
    public long[] stageNanos(ClusterImage img) {
        long t0 = System.nanoTime();
        PlacementInput input = ShardPlanner.input(img, WS, NOW_MS, settings, WhatIf.NONE, assignments);
        long t1 = System.nanoTime();
        PlacementResult result = HierarchicalPlacement.place(input);
        long t2 = System.nanoTime();
        List<ShardDelta> deltas = ShardPlanner.deltas(img, WS, result, null, assignments);
        long t3 = System.nanoTime();
        StagedMoves.split(img, WS, result, deltas, input.acceptingNodeIds()::contains);
        long t4 = System.nanoTime();
        return new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
    }

    /**
     * The coordinator's planning step over {@code img}: input, placement, deltas, staged split, with the
     * compact maps kept from the previous step as {@code Rebalancer} keeps them (a map that changed since is
     * read again, once).
     */
    public Plan plan(ClusterImage img) {
        return plan(img, assignments);
    }

    /** {@link #plan} on the first step after the maps changed: the compact maps are built from the image. */
    public Plan planColdCache(ClusterImage img) {
        return plan(img, new AssignmentCache());
    }

    /** {@link #plan} without compact maps: the assignment read through a view over the image's maps. */
    public Plan planUncached(ClusterImage img) {
        return plan(img, null);
    }

    /** {@link #plan} with the compact maps of {@code cache} (null: none), which it updates. */
    public Plan plan(ClusterImage img, AssignmentCache cache) {
        PlacementInput input = ShardPlanner.input(img, WS, NOW_MS, settings, WhatIf.NONE, cache);
        PlacementResult result = HierarchicalPlacement.place(input);
        List<ShardDelta> deltas = ShardPlanner.deltas(img, WS, result, null, cache);
        return new Plan(result, deltas, StagedMoves.split(img, WS, result, deltas, input.acceptingNodeIds()::contains));
    }
}
