package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateResource;
import io.corral.server.commands.MarkNodeInactive;
import io.corral.server.commands.moves.MoveLimits;
import io.corral.server.commands.moves.StartMove;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The move supervisor on a fake clock: what it does for moves no node can finish. */
class MoveSupervisorTest {
    static final MoveLimits LIMITS = new MoveLimits(2, 4, 600_000, 3);
    ControllerHarness h;
    MoveSupervisor supervisor;

    @BeforeEach
    void setUp() {
        h = new ControllerHarness();
        for (String id : List.of("a", "b", "c")) {
            h.register(id);
        }
        h.run(new CreateResource(new Resource(Workspace.DEFAULT, "t", "table", RoutingStyle.PARTITIONED, List.of(),
                1, 2, null, Map.of(), List.of(), false, 0, DataMovement.STAGED, 0, 0)));
        supervisor = new MoveSupervisor(h.controller, h.clock, LIMITS);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Shard shard() {
        return h.image().map(Workspace.DEFAULT, "t").shards().get(0L);
    }

    @Test
    void aMoveWhoseTargetWentDownBeforeTheCutoverIsRolledBackAtOnce() {
        Shard before = shard();
        List<String> holders = before.replicas().stream().map(r -> r.nodeId()).toList();
        String target = List.of("a", "b", "c").stream().filter(n -> !holders.contains(n)).findFirst().orElseThrow();
        Move m = h.run(new StartMove(Workspace.DEFAULT, "t", 0, holders.get(1), target, "test", null, LIMITS));
        h.run(new MarkNodeInactive(target, Lifecycle.ACTIVE, 20_000));

        supervisor.tick();
        h.barrier();

        Move after = h.image().moves().find(m.id()).orElseThrow();
        assertThat(after.phase()).as("without the fix it waits for the step timeout, 3 times")
                .isEqualTo(MovePhase.FAILED);
        assertThat(after.error()).contains("target node '" + target + "' is inactive");
        assertThat(shard().replicas()).isEqualTo(before.replicas());
    }
}
