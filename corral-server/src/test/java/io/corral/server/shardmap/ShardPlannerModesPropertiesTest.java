package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Standby;
import io.corral.server.domain.Workspace;
import io.corral.server.policies.placement.NodeMode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The coordinator's side of "only active nodes receive new replicas": {@link ShardPlanner#mode} turns a
 * node's lifecycle into the placement mode, and only ACCEPT nodes receive replicas (a placement property).
 */
class ShardPlannerModesPropertiesTest {

    private static Node node(Lifecycle status, boolean standby, long changedAtMs) {
        return new Node("n", 1, Workspace.DEFAULT, "n", "data", NodeAddresses.NONE,
                standby ? Map.of(Standby.LABEL, "true") : Map.of(), List.of(), "z", null, 1.0, status, null, null,
                Map.of(), null, null, null, true, null, 0, 0, changedAtMs);
    }

    @Property(tries = 500)
    void onlyActiveNodesOutsideTheStandbyPoolAccept(@ForAll Lifecycle status, @ForAll boolean standby,
                                                    @ForAll @LongRange(min = 0, max = 10_000_000) long sinceChangeMs,
                                                    @ForAll @LongRange(min = 0, max = 10_000_000) long delayMs) {
        long now = 20_000_000L;
        NodeMode mode = ShardPlanner.mode(node(status, standby, now - sinceChangeMs), now, delayMs);
        assertThat(mode == NodeMode.ACCEPT).isEqualTo(status == Lifecycle.ACTIVE && !standby);
        if (status == Lifecycle.INACTIVE) {
            assertThat(mode).isEqualTo(sinceChangeMs < delayMs ? NodeMode.KEEP : NodeMode.EVACUATE);
        }
        if (status == Lifecycle.DRAINING || status == Lifecycle.FAILED || status == Lifecycle.STOPPED) {
            assertThat(mode).isEqualTo(NodeMode.EVACUATE);
        }
        if (status == Lifecycle.MAINTENANCE) {
            assertThat(mode).isEqualTo(NodeMode.KEEP);
        }
    }
}
