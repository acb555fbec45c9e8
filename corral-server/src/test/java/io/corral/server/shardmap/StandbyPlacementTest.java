package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateResource;
import io.corral.server.commands.NodePatch;
import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.UpdateNode;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Standby;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.NodeMode;
import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.testing.ControllerHarness;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Standby nodes hold no replicas while labelled; removing the label lets placement fill them. */
class StandbyPlacementTest {

    private static Set<String> holders(ClusterImage img) {
        Set<String> out = new HashSet<>();
        for (Shard s : img.map(Workspace.DEFAULT, "db.t").shards().values()) {
            s.replicas().forEach(r -> out.add(r.nodeId()));
        }
        return out;
    }

    @Test
    void anActiveStandbyReceivesNothingUntilItsLabelGoes() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.register("a");
            h.register("b");
            h.run(new RegisterNode(new NodeSpec("s", Workspace.DEFAULT, null, "worker", null,
                    Map.of(Standby.LABEL, "true", "disk", "ssd"), null, null, null, 1.0, Lifecycle.ACTIVE, null, null,
                    null, null, true), "secret", false));
            h.run(new CreateResource(new Resource(Workspace.DEFAULT, "db.t", "table", RoutingStyle.PARTITIONED,
                    List.of(), 12, 2, null, Map.of(), List.of(), false, 1, null, 0, 0)));
            ClusterImage placed = h.image();
            assertThat(holders(placed)).containsExactlyInAnyOrder("a", "b");
            assertThat(ShardPlanner.mode(placed.nodes().get("s"), h.clock.millis(), 30_000)).isEqualTo(NodeMode.KEEP);

            h.run(new UpdateNode(Workspace.DEFAULT, "s", new NodePatch(null, Map.of("disk", "ssd"), null, null, null,
                    null, null, null)));
            ClusterImage promoted = h.image();
            assertThat(ShardPlanner.mode(promoted.nodes().get("s"), h.clock.millis(), 30_000))
                    .isEqualTo(NodeMode.ACCEPT);
            PlacementResult result = HierarchicalPlacement.place(ShardPlanner.input(promoted, Workspace.DEFAULT,
                    h.clock.millis(), ShardPlanner.Settings.DEFAULT, WhatIf.NONE));
            assertThat(result.assignment().values().stream().flatMap(List::stream)).contains("s");
        }
    }

    @Test
    void onlyTheValueTrueMakesAStandby() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.run(new RegisterNode(new NodeSpec("x", Workspace.DEFAULT, null, "worker", null,
                    Map.of(Standby.LABEL, "false"), null, null, null, 1.0, Lifecycle.ACTIVE, null, null, null, null,
                    true), "secret", false));
            h.run(new RegisterNode(new NodeSpec("y", Workspace.DEFAULT, null, "worker", null,
                    Map.of(Standby.LABEL, "TRUE"), null, null, null, 1.0, Lifecycle.ACTIVE, null, null, null, null,
                    true), "secret", false));
            assertThat(Standby.is(h.node("x"))).isFalse();
            assertThat(Standby.is(h.node("y"))).isTrue();
        }
    }
}
