package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateResource;
import io.corral.server.commands.moves.MoveLimits;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.CompactShards;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link Rebalancer#warmUp} promises: afterwards the compact maps of the current image are ready, so the
 * first tick reads none of them again.
 */
class RebalancerWarmUpTest {

    @Test
    void warmUpPreparesTheCompactMapsOfTheCurrentImageForTheFirstTick() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.register("a");
            h.register("b");
            h.run(new CreateResource(new Resource(Workspace.DEFAULT, "table", "table", RoutingStyle.PARTITIONED,
                    List.of(), 4, 2, null, Map.of(), List.of(), true, 0, DataMovement.NONE, 0, 0)));
            Rebalancer rebalancer = new Rebalancer(h.controller, h.clock, ShardPlanner.Settings.DEFAULT,
                    MoveLimits.DEFAULT);
            assertThat(rebalancer.assignments().size()).isZero();

            rebalancer.warmUp();

            ClusterImage image = h.image();
            assertThat(rebalancer.assignments().size()).isEqualTo(1);
            CompactShards warmed = rebalancer.assignments().compact(Workspace.DEFAULT, "table",
                    image.map(Workspace.DEFAULT, "table"));
            rebalancer.tick();
            assertThat(rebalancer.assignments().compact(Workspace.DEFAULT, "table",
                    image.map(Workspace.DEFAULT, "table"))).as("the tick used the warmed compact map").isSameAs(warmed);
        }
    }
}
