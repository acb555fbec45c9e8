package io.corral.server.policies.autoscale;

import static io.corral.server.policies.autoscale.AutoscaleImages.WS;
import static io.corral.server.policies.autoscale.AutoscaleImages.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The autoscale decision on hand-built images: each rule, each refusal and its reason. */
class AutoscalePolicyTest {
    private static final long NOW = 1_000_000_000L;

    private static Decision decide(ClusterImage img, Map<String, Double> keys) {
        return decide(img, keys, 0L);
    }

    private static Decision decide(ClusterImage img, Map<String, Double> keys, long lastActionAtMs) {
        return AutoscalePolicy.decide(img, WS, new LoadSnapshot("keys", keys), NOW, lastActionAtMs);
    }

    private static AutoscaleImages twoNodes(AutoscaleSettings s) {
        return new AutoscaleImages().settings(s).node("a", Lifecycle.ACTIVE).node("b", Lifecycle.ACTIVE);
    }

    @Test
    void scalesOutIntoTheFirstActiveStandbyWhenTheBusiestNodeIsAboveTheHighWater() {
        ClusterImage img = twoNodes(keys(1000, 0, 1, 0, 60_000)).standby("s1", Lifecycle.INACTIVE)
                .standby("s2", Lifecycle.ACTIVE).standby("s3", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 1500.0, "b", 200.0, "s2", 99_999.0));
        assertThat(d.action()).isEqualTo(AutoscaleAction.SCALE_OUT);
        assertThat(d.nodeId()).isEqualTo("s2");
        assertThat(d.refusal()).isNull();
        assertThat(d.reason()).contains("keys on node a is 1500, above the high water 1000").contains("2 member nodes");
    }

    @Test
    void theHighWaterItselfIsNotAboveIt() {
        ClusterImage img = twoNodes(keys(1000, 0, 1, 0, 0)).standby("s1", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 1000.0, "b", 999.5));
        assertThat(d.action()).isEqualTo(AutoscaleAction.NONE);
        assertThat(d.refusal()).isEqualTo(Refusal.WITHIN_BOUNDS);
        assertThat(d.notable()).isFalse();
    }

    @Test
    void anEmptyStandbyPoolIsANotableRefusal() {
        ClusterImage img = twoNodes(keys(1000, 0, 1, 0, 0)).standby("s1", Lifecycle.MAINTENANCE).image();
        Decision d = decide(img, Map.of("a", 1500.0));
        assertThat(d.action()).isEqualTo(AutoscaleAction.NONE);
        assertThat(d.refusal()).isEqualTo(Refusal.STANDBY_POOL_EMPTY);
        assertThat(d.notable()).isTrue();
        assertThat(d.reason()).isEqualTo("keys on node a is 1500, above the high water 1000, but the standby pool "
                + "is empty (1 standby node is not active)");
    }

    @Test
    void theCapStopsScaleOutAndSaysSo() {
        ClusterImage img = twoNodes(keys(1000, 0, 1, 2, 0)).standby("s1", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 1500.0, "b", 1700.0));
        assertThat(d.refusal()).isEqualTo(Refusal.AT_MAX_NODES);
        assertThat(d.notable()).isTrue();
        assertThat(d.reason()).contains("node b is 1700").contains("2 member nodes and max_nodes is 2");
    }

    @Test
    void scalesInTheLeastLoadedNodeBelowTheLowWater() {
        ClusterImage img = twoNodes(keys(1000, 100, 2, 0, 0)).node("c", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 50.0, "b", 30.0, "c", 500.0));
        assertThat(d.action()).isEqualTo(AutoscaleAction.SCALE_IN);
        assertThat(d.nodeId()).isEqualTo("b");
        assertThat(d.reason()).contains("keys on node b is 30, below the low water 100")
                .contains("3 member nodes before, min_nodes 2");
    }

    @Test
    void amongEquallyIdleNodesTheNewestIsDrained() {
        ClusterImage img = twoNodes(keys(0, 100, 1, 0, 0)).node("c", Lifecycle.ACTIVE).image();
        assertThat(decide(img, Map.of("a", 0.0, "b", 0.0, "c", 0.0)).nodeId()).isEqualTo("c");
    }

    @Test
    void neverScalesInToFewerThanMinNodes() {
        ClusterImage img = twoNodes(keys(1000, 100, 2, 0, 0)).standby("s1", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 1.0, "b", 2.0, "s1", 0.0));
        assertThat(d.refusal()).isEqualTo(Refusal.AT_MIN_NODES);
        assertThat(d.notable()).isFalse();
        assertThat(d.reason()).contains("2 member nodes and min_nodes is 2");
    }

    @Test
    void neverScalesInWhileAMemberIsDownOrSilent() {
        ClusterImage img = twoNodes(keys(1000, 100, 1, 0, 0)).node("c", Lifecycle.INACTIVE).image();
        Decision down = decide(img, Map.of("a", 1.0, "b", 2.0, "c", 3.0));
        assertThat(down.refusal()).isEqualTo(Refusal.MEMBERS_NOT_READY);
        assertThat(down.reason()).endsWith("but node c is inactive");

        ClusterImage up = twoNodes(keys(1000, 100, 1, 0, 0)).node("c", Lifecycle.ACTIVE).image();
        Decision silent = decide(up, Map.of("a", 1.0, "b", 2.0));
        assertThat(silent.refusal()).isEqualTo(Refusal.METRICS_MISSING);
        assertThat(silent.reason()).endsWith("but node c reports no keys");
    }

    @Test
    void neverScalesInWhenTheOthersWouldThenAverageAboveTheHighWater() {
        ClusterImage img = twoNodes(keys(1000, 400, 1, 0, 0)).node("c", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 300.0, "b", 900.0, "c", 900.0));
        assertThat(d.refusal()).isEqualTo(Refusal.WOULD_OVERLOAD);
        assertThat(d.reason()).contains("the other 2 nodes would average 1050, above the high water 1000");
        assertThat(decide(img, Map.of("a", 200.0, "b", 900.0, "c", 900.0)).action())
                .as("exactly the high water on average is fine").isEqualTo(AutoscaleAction.SCALE_IN);
    }

    @Test
    void waitsWhileAMoveIsUnderWayInMaintenanceOrWhileANodeDrainsAndDuringTheCooldown() {
        Map<String, Double> hot = Map.of("a", 5000.0);
        AutoscaleSettings s = keys(1000, 0, 1, 0, 60_000);
        ClusterImage moving = twoNodes(s).standby("s1", Lifecycle.ACTIVE).moving(WS, "a", "b").image();
        Decision m = decide(moving, hot);
        assertThat(m.refusal()).isEqualTo(Refusal.MOVE_IN_PROGRESS);
        assertThat(m.reason()).isEqualTo("move m1 of db.t shard 0 is under way");

        ClusterImage frozen = twoNodes(s).standby("s1", Lifecycle.ACTIVE).maintenance("rack move").image();
        Decision f = decide(frozen, hot);
        assertThat(f.refusal()).isEqualTo(Refusal.CLUSTER_MAINTENANCE);
        assertThat(f.reason()).isEqualTo("cluster maintenance mode is on: rack move");

        ClusterImage draining = twoNodes(s).node("c", Lifecycle.DRAINING).standby("s1", Lifecycle.ACTIVE).image();
        assertThat(decide(draining, hot).refusal()).isEqualTo(Refusal.NODE_DRAINING);

        ClusterImage ready = twoNodes(s).standby("s1", Lifecycle.ACTIVE).image();
        Decision cooling = decide(ready, hot, NOW - 59_999);
        assertThat(cooling.refusal()).isEqualTo(Refusal.COOLDOWN);
        assertThat(cooling.reason()).isEqualTo("cooling down: the last action was 59999ms ago, the cooldown is 1m");
        assertThat(decide(ready, hot, NOW - 60_000).action()).isEqualTo(AutoscaleAction.SCALE_OUT);
    }

    @Test
    void movesAndDrainsOfOtherWorkspacesDoNotBlock() {
        ClusterImage img = twoNodes(keys(1000, 0, 1, 0, 0)).standby("s1", Lifecycle.ACTIVE).workspace("other")
                .node("other", "x", "worker", Lifecycle.DRAINING, false).moving("other", "x", "y").image();
        assertThat(decide(img, Map.of("a", 5000.0)).action()).isEqualTo(AutoscaleAction.SCALE_OUT);
    }

    @Test
    void coordinatorsAndStandbysAreNotMembers() {
        ClusterImage img = new AutoscaleImages().settings(keys(1000, 100, 1, 0, 0)).node("a", Lifecycle.ACTIVE)
                .node(WS, "coord", "coordinator", Lifecycle.ACTIVE, false).standby("s1", Lifecycle.ACTIVE).image();
        Decision d = decide(img, Map.of("a", 500.0, "coord", 9000.0, "s1", 9000.0));
        assertThat(d.refusal()).isEqualTo(Refusal.WITHIN_BOUNDS);
        assertThat(d.reason()).contains("(1 member nodes)");
        assertThat(AutoscaleNodes.of(img, WS).members()).extracting("id").containsExactly("a");
    }

    @Test
    void aDisabledPolicyOrAnotherMetricNeverActs() {
        ClusterImage off = twoNodes(new AutoscaleSettings(false, "keys", 1000, 0, 1, 0, 1_000, 0))
                .standby("s1", Lifecycle.ACTIVE).image();
        assertThat(decide(off, Map.of("a", 5000.0)).refusal()).isEqualTo(Refusal.DISABLED);
        ClusterImage on = twoNodes(keys(1000, 0, 1, 0, 0)).standby("s1", Lifecycle.ACTIVE).image();
        Decision other = AutoscalePolicy.decide(on, WS, new LoadSnapshot("cpu_percent", Map.of("a", 5000.0)), NOW,
                0);
        assertThat(other.acts()).isFalse();
        assertThat(other.refusal()).isEqualTo(Refusal.METRICS_MISSING);
    }
}
