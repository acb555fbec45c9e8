package io.corral.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.shardmap.ShardPlanner;
import io.corral.server.testing.ControllerHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resource creation and update place the resource with the coordinator's configured placement settings:
 * a node inactive for longer than the default delay (30 s) but shorter than the configured one keeps its
 * replicas when a resource setting change places the resource again.
 */
class ResourcePlacementDelayTest {
    private static final ShardPlanner.Settings TEN_MINUTES = new ShardPlanner.Settings(600_000, 0.05);

    private static List<Long> shardsOn(ControllerHarness h, String node) {
        List<Long> out = new ArrayList<>();
        for (Shard s : h.image().map(Workspace.DEFAULT, "t").shards().values()) {
            if (s.replicas().stream().anyMatch(r -> node.equals(r.nodeId()))) {
                out.add(s.id());
            }
        }
        return out;
    }

    @Test
    void anUpdatePlacesWithTheConfiguredReplacementDelay() {
        try (ControllerHarness h = new ControllerHarness()) {
            for (String id : List.of("a", "b", "c", "d")) {
                h.register(id);
            }
            h.run(new CreateResource(new Resource(Workspace.DEFAULT, "t", "table", RoutingStyle.PARTITIONED, List.of(),
                    8, 2, null, Map.of(), List.of(), false, 0, DataMovement.NONE, 0, 0), TEN_MINUTES));
            List<Long> onA = shardsOn(h, "a");
            assertThat(onA).isNotEmpty();
            h.run(new SetNodeStatus(Workspace.DEFAULT, "a", Lifecycle.INACTIVE, "missed heartbeats"));
            h.clock.advance(60_000);

            h.run(new UpdateResource(Workspace.DEFAULT, "t", null, 12, null, null, null, null, null, null, null)
                    .placedWith(TEN_MINUTES));

            assertThat(shardsOn(h, "a")).as("inactive for 60 s of a 600 s delay: keeps its replicas").containsAll(onA);
        }
    }
}
