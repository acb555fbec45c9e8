package io.corral.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.Workspace;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.security.NodeMemo;
import io.corral.server.soft.NodeSlots;
import io.corral.server.testing.ControllerHarness;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator's token memo, heartbeat tracker and metric history keep a node's soft state in one slot. */
class SharedNodeSlotsTest {
    private static final long T0 = 1_700_000_000_000L;
    private final ControllerHarness h = new ControllerHarness();
    private final NodeSlots<HistorySlot> slots = new NodeSlots<>(HistorySlot::new);
    private final NodeMemo memo = new NodeMemo(slots);
    private final HeartbeatTracker beats = new HeartbeatTracker(slots);
    private final MetricsHistory history = new MetricsHistory(slots);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aNodesMemoEntryBeatAndHistoryShareOneSlot() {
        h.register("n1");
        assertThat(memo.node(h.image(), "n1")).isNotNull();
        HistorySlot slot = slots.get("n1");
        assertThat(slot).isNotNull();

        beats.record("n1", T0, Map.of("cpu_percent", 40));
        history.record("n1", T0, HostSample.from(Map.of("cpu_percent", 40)));
        assertThat(slots.size()).isEqualTo(1);
        assertThat(slots.get("n1")).isSameAs(slot);
        assertThat(beats.last("n1").atMs()).isEqualTo(T0);
        assertThat(history.query("n1", Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, T0 + 1).average()).isEqualTo(40.0);
        assertThat(history.size()).isEqualTo(1);
    }

    @Test
    void theMemoMakesNoSlotForANodeItsImageLacks() {
        assertThat(memo.node(h.image(), "nobody")).isNull();
        assertThat(slots.size()).isZero();
    }

    @Test
    void forgettingANodeOrSweepingTheMembershipDropsAllItsSoftState() {
        h.register("n1");
        h.register("n2");
        for (String id : new String[] {"n1", "n2"}) {
            memo.node(h.image(), id);
            beats.record(id, T0, Map.of("cpu_percent", 10));
            history.record(id, T0, HostSample.from(Map.of("cpu_percent", 10)));
        }
        beats.forget("n1");
        assertThat(history.query("n1", Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, T0 + 1).points()).isEmpty();
        assertThat(slots.get("n1")).isNull();

        history.retainOnly(Set.of());
        assertThat(beats.last("n2")).isNull();
        assertThat(slots.size()).isZero();
        assertThat(memo.node(h.image(), "n2")).as("the memo starts again from the image")
                .isSameAs(h.image().nodes().get("n2"));
        assertThat(h.image().nodes().get("n2").workspace()).isEqualTo(Workspace.DEFAULT);
    }
}
