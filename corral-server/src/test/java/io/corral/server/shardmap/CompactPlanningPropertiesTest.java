package io.corral.server.shardmap;

import static io.corral.server.testing.TestShards.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.NodeStatusChanged;
import io.corral.server.records.Replayer;
import io.corral.server.records.ShardsChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The coordinator's planning with compact maps ({@link AssignmentCache}: the input built from them, the deltas
 * found by comparing int arrays) gives exactly what the straightforward path gives (the input read through a view
 * over the image's maps, the deltas found by walking every shard): equal inputs, equal placements, equal deltas,
 * on random clusters, with the cache kept across a change of the cluster as the rebalancer keeps it, or warmed
 * before the change as a coordinator that just became leader warms it ({@link AssignmentCache#warm}), and on maps
 * the compact form cannot hold (gaps, shards beyond the partitions, nodes not in the cluster, duplicates).
 */
class CompactPlanningPropertiesTest {
    private static final String WS = Workspace.DEFAULT;
    private static final long NOW_MS = 1_000_000L;
    private static final ShardPlanner.Settings SETTINGS = new ShardPlanner.Settings(30_000, 0.05);
    private static final Lifecycle[] STATUSES = {Lifecycle.ACTIVE, Lifecycle.ACTIVE, Lifecycle.ACTIVE, Lifecycle.FAILED,
            Lifecycle.DRAINING, Lifecycle.INACTIVE, Lifecycle.MAINTENANCE};

    @Property(tries = 300)
    void compactPlanningEqualsTheStraightforwardPath(@ForAll long seed) {
        Random rnd = new Random(seed);
        ClusterImage img = ClusterImage.empty();
        int nodes = 2 + rnd.nextInt(10);
        int zones = 1 + rnd.nextInt(4);
        for (int i = 0; i < nodes; i++) {
            img = register(img, "node-" + i, i + 1, "zone-" + (i % zones));
        }
        int resources = 1 + rnd.nextInt(3);
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < resources; r++) {
            String id = "res-" + (char) ('c' - r);
            ids.add(id);
            img = Replayer.apply(img, new io.corral.server.records.ResourceCreated(new Resource(WS, id, "table",
                    RoutingStyle.PARTITIONED, List.of(), rnd.nextInt(30), 1 + rnd.nextInt(3), null, Map.of(),
                    List.of(), rnd.nextBoolean(), 0, DataMovement.NONE, 0, 0), 0, "test"));
        }
        AssignmentCache cache = new AssignmentCache();
        if (rnd.nextInt(4) > 0) {
            img = write(img, assertSame(img, cache, null).result);
        }
        boolean regular = true;
        if (rnd.nextInt(3) == 0) {
            img = irregular(img, ids.get(rnd.nextInt(ids.size())), rnd);
            regular = false;
        }
        assertSame(img, cache, null); // the settled tick before the change: primes the cache
        // A coordinator that became leader now: its cache is warmed from this image, with no planning step yet.
        AssignmentCache warmed = new AssignmentCache();
        warmed.warm(img);
        for (int i = 0; i < nodes; i++) {
            if (rnd.nextInt(3) == 0) {
                img = Replayer.apply(img, new NodeStatusChanged("node-" + i, STATUSES[rnd.nextInt(STATUSES.length)],
                        null, "test", NOW_MS - rnd.nextInt(60_000), "test"));
            }
        }
        if (rnd.nextBoolean()) {
            img = register(img, "node-new", nodes + 1, "zone-" + rnd.nextInt(zones + 1));
        }
        if (rnd.nextBoolean()) { // the rebalancer's leader failover: a map change that keeps most shard objects
            for (ShardDelta d : ShardPlanner.leaderFailovers(img, WS, NOW_MS, SETTINGS)) {
                img = Replayer.apply(img, new ShardsChanged(WS, d.resourceId(), d.set(), d.removed(),
                        img.map(WS, d.resourceId()).nextShardId(), "test", 0, "test"));
            }
        }
        Set<String> only = rnd.nextBoolean() ? null : Set.of(ids.get(rnd.nextInt(ids.size())));
        PlacementResult result = assertSame(img, cache, only).result;
        assertSame(img, new AssignmentCache(), only);
        assertSame(img, warmed, only); // its first tick, after the change
        if (regular) { // the compact path did apply, it did not fall back
            assertThat(CompactDeltas.deltas(img, WS, result, only, cache)).isNotNull();
        }
        if (rnd.nextBoolean()) {
            img = irregular(img, ids.get(rnd.nextInt(ids.size())), rnd);
            assertSame(img, cache, only);
        }
    }

    private record Step(PlacementResult result) {
    }

    /** Plans {@code img} both ways and asserts equal inputs, placements and deltas; returns the placement. */
    private static Step assertSame(ClusterImage img, AssignmentCache cache, Set<String> only) {
        PlacementInput plain = ShardPlanner.input(img, WS, NOW_MS, SETTINGS, WhatIf.NONE);
        PlacementInput compact = ShardPlanner.input(img, WS, NOW_MS, SETTINGS, WhatIf.NONE, cache);
        assertThat(compact).isEqualTo(plain);
        PlacementResult expected = HierarchicalPlacement.place(plain);
        PlacementResult actual = HierarchicalPlacement.place(compact);
        assertThat(actual).isEqualTo(expected);
        List<ShardDelta> straightforward = ShardPlanner.deltas(img, WS, expected, only);
        assertThat(ShardPlanner.deltas(img, WS, actual, only, cache)).isEqualTo(straightforward);
        assertThat(ShardPlanner.deltas(img, WS, expected, only, cache)).isEqualTo(straightforward);
        return new Step(expected);
    }

    private static ClusterImage register(ClusterImage img, String id, long seq, String zone) {
        return Replayer.apply(img, new NodeRegistered(new Node(id, seq, WS, id, "data", NodeAddresses.NONE, Map.of(),
                List.of(), zone, null, 1.0, Lifecycle.ACTIVE, null, null, Map.of(), null, null, null, true, null, 0,
                0, 0), 0, "test"));
    }

    private static ClusterImage write(ClusterImage img, PlacementResult result) {
        for (ShardDelta d : ShardPlanner.deltas(img, WS, result, null)) {
            img = Replayer.apply(img, new ShardsChanged(WS, d.resourceId(), d.set(), d.removed(),
                    img.map(WS, d.resourceId()).nextShardId(), "test", 0, "test"));
        }
        return img;
    }

    /** A map change the placement does not make: a shard removed, added beyond, or set to odd replicas. */
    private static ClusterImage irregular(ClusterImage img, String rid, Random rnd) {
        long shard = rnd.nextInt(40);
        List<Shard> set = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        switch (rnd.nextInt(3)) {
            case 0:
                removed.add(shard);
                break;
            case 1:
                set.add(shard(shard, "node-0", "ghost", "node-0", "node-1"));
                break;
            default:
                set.add(shard(shard, "node-1"));
                break;
        }
        return Replayer.apply(img, new ShardsChanged(WS, rid, set, removed,
                Math.max(img.map(WS, rid).nextShardId(), shard + 1), "test", 0, "test"));
    }
}
