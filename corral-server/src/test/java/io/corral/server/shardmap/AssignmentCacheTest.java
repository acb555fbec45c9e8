package io.corral.server.shardmap;

import static io.corral.server.testing.TestShards.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateResource;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.CompactShards;
import io.corral.server.policies.placement.ShardRef;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcollections.TreePMap;

/** What {@link AssignmentCache} promises: a map's compact form always has that map's content. */
class AssignmentCacheTest {

    private static Map<ShardRef, List<String>> content(CompactShards c) {
        return CompactShards.assignment(List.of(c));
    }

    @Test
    void theSameMapObjectIsServedFromTheCache() {
        AssignmentCache cache = new AssignmentCache();
        ResourceMap map = new ResourceMap(3, 2, TreePMap.<Long, Shard>empty()
                .plus(0L, shard(0, "b", "a")).plus(1L, shard(1, "c", "b")));
        CompactShards first = cache.compact("ws", "r", map);
        assertThat(cache.compact("ws", "r", map)).isSameAs(first);
        assertThat(content(first)).isEqualTo(Map.of(new ShardRef("r", 0), List.of("b", "a"),
                new ShardRef("r", 1), List.of("c", "b")));
    }

    @Test
    void aChangedMapIsReadAgainEvenWithTheSameVersion() {
        AssignmentCache cache = new AssignmentCache();
        ResourceMap before = new ResourceMap(3, 3, TreePMap.<Long, Shard>empty()
                .plus(0L, shard(0, "b", "a")).plus(1L, shard(1, "c", "b")).plus(2L, shard(2, "a")));
        cache.compact("ws", "r", before);
        // Shards 0 and 2 are the same objects (copied), shard 1 is new and names a node not seen before.
        ResourceMap after = new ResourceMap(3, 3, before.shards().plus(1L, shard(1, "d", "c")));
        assertThat(content(cache.compact("ws", "r", after))).isEqualTo(Map.of(new ShardRef("r", 0), List.of("b", "a"),
                new ShardRef("r", 1), List.of("d", "c"), new ShardRef("r", 2), List.of("a")));
        // Another workspace's resource of the same id is its own entry.
        assertThat(content(cache.compact("other", "r", before)).get(new ShardRef("r", 1))).containsExactly("c", "b");
    }

    @Test
    void aMapWithAGapOrAReplicaWithoutNodeHasNoCompactForm() {
        AssignmentCache cache = new AssignmentCache();
        assertThat(cache.compact("ws", "r", new ResourceMap(1, 3, TreePMap.<Long, Shard>empty()
                .plus(0L, shard(0, "a")).plus(2L, shard(2, "b"))))).isNull();
        assertThat(cache.compact("ws", "r", new ResourceMap(2, 1, TreePMap.<Long, Shard>empty()
                .plus(0L, new Shard(0, Shard.State.ACTIVE, List.of(new Replica(null, null, Replica.Role.LEADER,
                        Replica.State.ACTIVE))))))).isNull();
    }

    @Test
    void entriesOfDeletedResourcesAreForgotten() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.register("a");
            h.run(new CreateResource(new Resource(Workspace.DEFAULT, "kept", "table", RoutingStyle.PARTITIONED,
                    List.of(), 2, 1, null, Map.of(), List.of(), false, 0, DataMovement.NONE, 0, 0)));
            AssignmentCache cache = new AssignmentCache();
            ClusterImage image = h.image();
            cache.compact(Workspace.DEFAULT, "kept", image.map(Workspace.DEFAULT, "kept"));
            cache.compact(Workspace.DEFAULT, "deleted", new ResourceMap(1, 1, TreePMap.<Long, Shard>empty()
                    .plus(0L, shard(0, "a"))));
            cache.compact("other", "kept", image.map(Workspace.DEFAULT, "kept"));
            assertThat(cache.size()).isEqualTo(3);

            cache.forgetDeleted(image);

            assertThat(cache.size()).as("only default/kept exists in the image").isEqualTo(1);
            CompactShards again = cache.compact(Workspace.DEFAULT, "kept", image.map(Workspace.DEFAULT, "kept"));
            assertThat(content(again)).hasSize(2);
        }
    }

    @Test
    void warmingBuildsTheCompactMapOfEveryPartitionedResourceAheadOfPlanning() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.register("a");
            h.register("b");
            for (String id : List.of("first", "second")) {
                h.run(new CreateResource(new Resource(Workspace.DEFAULT, id, "table", RoutingStyle.PARTITIONED,
                        List.of(), 3, 2, null, Map.of(), List.of(), false, 0, DataMovement.NONE, 0, 0)));
            }
            h.run(new CreateResource(new Resource(Workspace.DEFAULT, "ring", "collection", RoutingStyle.RENDEZVOUS,
                    List.of(), 1, 1, null, Map.of(), List.of(), false, 0, DataMovement.NONE, 0, 0)));
            ClusterImage image = h.image();
            AssignmentCache cache = new AssignmentCache();

            cache.warm(image);

            assertThat(cache.size()).as("the two partitioned resources, not the rendezvous one").isEqualTo(2);
            ResourceMap first = image.map(Workspace.DEFAULT, "first");
            CompactShards warmed = cache.compact(Workspace.DEFAULT, "first", first);
            cache.warm(image);
            assertThat(cache.compact(Workspace.DEFAULT, "first", first)).as("warming again rebuilds nothing")
                    .isSameAs(warmed);
            assertThat(content(warmed)).isEqualTo(content(new AssignmentCache().compact(Workspace.DEFAULT, "first",
                    first)));
        }
    }
}
