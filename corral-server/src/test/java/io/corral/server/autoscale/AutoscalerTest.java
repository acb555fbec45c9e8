package io.corral.server.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.commands.autoscale.ApplyAutoscale;
import io.corral.server.commands.autoscale.SetAutoscaleSettings;
import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.Event;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Standby;
import io.corral.server.domain.Workspace;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.policies.autoscale.Decision;
import io.corral.server.policies.autoscale.LoadSnapshot;
import io.corral.server.policies.autoscale.Refusal;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader-side autoscaler over the real controller with a fake clock: it evaluates every interval,
 * acts through the log, respects the cooldown, and records notable refusals at a bounded rate.
 */
class AutoscalerTest {
    private static final String WS = Workspace.DEFAULT;
    private static final long INTERVAL_MS = 10_000;
    private static final long COOLDOWN_MS = 60_000;
    private static final long REPEAT_MS = 300_000;

    private ControllerHarness h;
    private HeartbeatTracker beats;
    private Autoscaler autoscaler;

    @BeforeEach
    void start() {
        h = new ControllerHarness();
        beats = new HeartbeatTracker();
        autoscaler = new Autoscaler(h.controller, new LoadReader(beats::last), h.clock, REPEAT_MS);
        h.register("a");
        h.register("b");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void standby(String id) {
        h.run(new RegisterNode(new NodeSpec(id, WS, null, "worker", null, Map.of(Standby.LABEL, "true"), null, null,
                null, 1.0, Lifecycle.ACTIVE, null, null, null, null, true), "secret", false));
    }

    private void policy(double high, double low, int min, int max) {
        h.run(new SetAutoscaleSettings(WS, new AutoscaleSettings(true, "keys", high, low, min, max, INTERVAL_MS,
                COOLDOWN_MS)));
    }

    private void keys(String node, double value) {
        beats.record(node, h.clock.millis(), Map.of("keys", value));
    }

    /** One tick, then waits until whatever it submitted is applied. */
    private void tick() {
        autoscaler.tick();
        h.barrier();
    }

    private List<Event> events(String reason) {
        return h.image().events().values().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    @Test
    void promotesAStandbyThenWaitsOutTheCooldownBeforeTheNext() {
        standby("s1");
        standby("s2");
        policy(1000, 0, 1, 0);
        keys("a", 1500);
        keys("b", 10);
        tick();
        assertThat(Standby.is(h.node("s1"))).as("s1 promoted").isFalse();
        assertThat(Standby.is(h.node("s2"))).isTrue();
        assertThat(h.image().autoscale().lastActionAtMs(WS)).isEqualTo(h.clock.millis());
        Event out = events("autoscale.scale_out").get(0);
        assertThat(out.nodeId()).isEqualTo("s1");
        assertThat(out.actor()).isEqualTo("system:autoscaler");
        assertThat(out.message()).contains("keys on node a is 1500, above the high water 1000");
        assertThat(autoscaler.latest(WS).decision().action()).isEqualTo(AutoscaleAction.SCALE_OUT);

        h.clock.advance(INTERVAL_MS);
        keys("a", 1500);
        tick();
        assertThat(autoscaler.latest(WS).decision().refusal()).isEqualTo(Refusal.COOLDOWN);
        assertThat(Standby.is(h.node("s2"))).isTrue();

        h.clock.advance(COOLDOWN_MS - INTERVAL_MS);
        tick();
        assertThat(Standby.is(h.node("s2"))).as("s2 promoted once the cooldown passed").isFalse();
        assertThat(events("autoscale.scale_out")).hasSize(2);
    }

    @Test
    void evaluatesOncePerInterval() {
        standby("s1");
        policy(1000, 0, 1, 0);
        keys("a", 10);
        tick();
        long first = autoscaler.latest(WS).atMs();
        h.clock.advance(INTERVAL_MS - 1);
        keys("a", 5000);
        tick();
        assertThat(autoscaler.latest(WS).atMs()).as("not due yet").isEqualTo(first);
        assertThat(Standby.is(h.node("s1"))).isTrue();
        h.clock.advance(1);
        tick();
        assertThat(Standby.is(h.node("s1"))).isFalse();
    }

    @Test
    void anEmptyPoolIsRecordedOnceThenAgainOnlyAfterTheRepeatTime() {
        policy(1000, 0, 1, 0);
        keys("a", 1500);
        tick();
        List<Event> skipped = events("autoscale.skipped");
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).type()).isEqualTo(Event.WARNING);
        assertThat(skipped.get(0).message()).isEqualTo("Autoscale did not act: keys on node a is 1500, above the "
                + "high water 1000, but the standby pool is empty");
        for (int i = 0; i < 5; i++) {
            h.clock.advance(INTERVAL_MS);
            keys("a", 1500);
            tick();
        }
        assertThat(events("autoscale.skipped").get(0).count()).as("repeats within %d ms are not recorded", REPEAT_MS)
                .isEqualTo(1);
        h.clock.advance(REPEAT_MS);
        keys("a", 1500);
        tick();
        assertThat(events("autoscale.skipped").get(0).count()).isEqualTo(2);
    }

    @Test
    void drainsTheLeastLoadedNodeDownToTheMinimum() {
        h.register("c");
        policy(1000, 100, 2, 0);
        keys("a", 50);
        keys("b", 500);
        keys("c", 20);
        tick();
        assertThat(h.node("c").status()).isEqualTo(Lifecycle.DRAINING);
        assertThat(h.node("c").statusReason()).isEqualTo("autoscale: scale in");
        assertThat(events("autoscale.scale_in").get(0).message()).contains("keys on node c is 20, below the low "
                + "water 100");
        h.run(new SetNodeStatus(WS, "c", Lifecycle.DRAINED, "drained: holds no replicas"));
        h.clock.advance(COOLDOWN_MS);
        keys("a", 50);
        keys("b", 500);
        tick();
        assertThat(autoscaler.latest(WS).decision().refusal()).isEqualTo(Refusal.AT_MIN_NODES);
        assertThat(h.node("a").status()).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void theCommandDecidesAgainOnTheImageItWritesTo() {
        standby("s1");
        policy(1000, 0, 1, 0);
        h.run(new SetNodeStatus(WS, "b", Lifecycle.DRAINING, "drain requested"));
        long eventsBefore = h.image().nextEventSeq();
        Decision d = h.run(new ApplyAutoscale(WS, new LoadSnapshot("keys", Map.of("a", 5000.0))));
        assertThat(d.refusal()).isEqualTo(Refusal.NODE_DRAINING);
        assertThat(h.image().nextEventSeq()).as("nothing written").isEqualTo(eventsBefore);
        assertThat(Standby.is(h.node("s1"))).isTrue();
    }

    @Test
    void aDisabledWorkspaceIsNotEvaluated() {
        standby("s1");
        keys("a", 99_999);
        tick();
        assertThat(autoscaler.latest(WS)).isNull();
        assertThat(Standby.is(h.node("s1"))).isTrue();
    }
}
