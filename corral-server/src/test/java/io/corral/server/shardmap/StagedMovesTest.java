package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateResource;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.policies.placement.PlacementStats;
import io.corral.server.policies.placement.ReplicaMove;
import io.corral.server.policies.placement.ShardRef;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How placement changes of staged resources are split into immediate changes and moves. */
class StagedMovesTest {

    @Test
    void aRepairIsPlannedEvenWhenABalanceMoveOfTheSameShardComesFirst() {
        try (ControllerHarness h = new ControllerHarness()) {
            for (String id : List.of("a", "b", "c", "d", "e")) {
                h.register(id);
            }
            h.run(new CreateResource(new Resource(Workspace.DEFAULT, "r", "table", RoutingStyle.PARTITIONED, List.of(),
                    1, 2, null, Map.of(), List.of(), false, 0, DataMovement.STAGED, 0, 0)));
            Shard s = h.image().map(Workspace.DEFAULT, "r").shards().get(0L);
            String stays = s.replicas().get(0).nodeId();
            String evacuated = s.replicas().get(1).nodeId();
            List<String> free = List.of("a", "b", "c", "d", "e").stream()
                    .filter(n -> !n.equals(stays) && !n.equals(evacuated)).toList();
            ShardRef ref = new ShardRef("r", 0);
            // The policy lists a balance move (from a node that still accepts) before the repair.
            PlacementResult result = new PlacementResult(Map.of(ref, List.of(free.get(0), free.get(1))),
                    List.of(new ReplicaMove(ref, stays, free.get(0)), new ReplicaMove(ref, evacuated, free.get(1))),
                    new PlacementStats(2, 2, 1, 1.0, 0), List.of());
            Shard target = new Shard(0, Shard.State.ACTIVE, List.of(
                    new Replica(free.get(0), null, Replica.Role.LEADER, Replica.State.ACTIVE),
                    new Replica(free.get(1), null, Replica.Role.FOLLOWER, Replica.State.ACTIVE)));
            Set<String> accepting = Set.of(stays, free.get(0), free.get(1));

            StagedMoves.Split split = StagedMoves.split(h.image(), Workspace.DEFAULT, result,
                    List.of(new ShardDelta("r", List.of(target), List.of())), accepting::contains);

            assertThat(split.moves()).hasSize(1);
            StagedMoves.Planned planned = split.moves().get(0);
            assertThat(planned.from()).isEqualTo(evacuated);
            assertThat(planned.to()).isEqualTo(free.get(1));
            assertThat(planned.required()).isTrue();
        }
    }
}
