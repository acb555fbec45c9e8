package io.corral.server.policies.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSharesTest {

    @Test
    void sharesFollowWeightsWhenNoLimitBinds() {
        double[] shares = LoadShares.waterFill(new double[] {1, 2, 3, 4}, new double[] {100, 100, 100, 100}, 50);
        assertThat(shares).containsExactly(new double[] {5, 10, 15, 20}, within(1e-9));
    }

    @Test
    void aCappedNodePassesItsExcessOnInProportionToWeight() {
        // 300 replicas of 100 shards on weights 1, 1, 1, 5: the heavy node would get 187.5 but holds at most
        // 100, so the other 200 go to the three light nodes equally.
        double[] shares = LoadShares.waterFill(new double[] {1, 1, 1, 5}, new double[] {100, 100, 100, 100}, 300);
        assertThat(shares).containsExactly(new double[] {200 / 3.0, 200 / 3.0, 200 / 3.0, 100}, within(1e-9));
        double[] looser = LoadShares.waterFill(new double[] {1, 1, 2, 6}, new double[] {100, 100, 100, 100}, 250);
        // 6/10 * 250 = 150 > 100: the heavy node takes 100, the other 150 go 1:1:2.
        assertThat(looser).containsExactly(new double[] {37.5, 37.5, 75, 100}, within(1e-9));
    }

    @Test
    void limitsBelowDemandAreAllTaken() {
        double[] shares = LoadShares.waterFill(new double[] {1, 1}, new double[] {3, 4}, 10);
        assertThat(shares).containsExactly(new double[] {3, 4}, within(1e-9));
    }

    @Test
    void boundsRoundOutwardWithoutFloatingPointNoise() {
        assertThat(LoadShares.upper(1000, 0.05)).isEqualTo(1050);
        assertThat(LoadShares.upper(1000.002, 0.05)).isEqualTo(1051);
        assertThat(LoadShares.lower(1000, 0.05)).isEqualTo(950);
        assertThat(LoadShares.upper(25, 0.05)).isEqualTo(27);
        assertThat(LoadShares.lower(25, 0.05)).isEqualTo(23);
        assertThat(LoadShares.upper(3, 0)).isEqualTo(3);
        assertThat(LoadShares.lower(3, 0)).isEqualTo(3);
        assertThat(LoadShares.lower(0.1, 2)).isZero();
    }

    @Test
    void strictSpreadCapsZonesAtOneReplicaPerShard() {
        // Three zones and three replicas per shard: each zone holds exactly one replica of every shard,
        // whatever its weight; within a zone, nodes share in proportion to weight.
        List<PlacementNode> nodes = List.of(Clusters.node("a1", "a", 1, NodeMode.ACCEPT), Clusters.node("a2", "a", 3, NodeMode.ACCEPT),
                Clusters.node("b1", "b", 10, NodeMode.ACCEPT), Clusters.node("c1", "c", 1, NodeMode.ACCEPT));
        NodeIndex index = new NodeIndex(nodes);
        ResourceState state = new ResourceState(Clusters.resource("r", 40, 3, true), index);
        readEmpty(state, index);
        assertThat(LoadShares.target(state, index)).isEqualTo(120);
        double[] shares = LoadShares.shares(state, index, 120);
        assertThat(shares).containsExactly(new double[] {10, 30, 40, 40}, within(1e-9));
    }

    @Test
    void replicasKeptOutsideTheBalanceSetLowerTheTarget() {
        List<PlacementNode> nodes = List.of(Clusters.node("a", "z1"), Clusters.node("b", "z2"), Clusters.node("c", "z3"),
                Clusters.node("k", "z1", 1, NodeMode.KEEP));
        NodeIndex index = new NodeIndex(nodes);
        ResourceState state = new ResourceState(Clusters.resource("r", 2, 3, true), index);
        InputReader reader = new InputReader(index, Map.of("r", state));
        reader.read(Map.of(new ShardRef("r", 0), List.of("k")));
        new KeptReplicas(index).settle(state);
        // Shard 0 keeps its KEEP replica in z1, so it needs two balance replicas, in z2 and z3 only.
        assertThat(LoadShares.target(state, index)).isEqualTo(5);
        double[] shares = LoadShares.shares(state, index, 5);
        assertThat(shares).containsExactly(new double[] {1, 2, 2}, within(1e-9));
    }

    private static void readEmpty(ResourceState state, NodeIndex index) {
        new InputReader(index, Map.of(state.id, state)).read(Map.of());
        new KeptReplicas(index).settle(state);
    }
}
