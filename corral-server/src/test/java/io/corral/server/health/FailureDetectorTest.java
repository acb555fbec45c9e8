package io.corral.server.health;

import static io.corral.server.testing.ControllerHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.domain.Event;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Missed heartbeats become transitions, driven by a clock the test moves by hand. */
class FailureDetectorTest {
    private static final long TIMEOUT = 15_000;
    private static final String DETECTOR = "system:failure-detector";

    private final ControllerHarness h = new ControllerHarness();
    private final HeartbeatTracker beats = new HeartbeatTracker();
    private final FailureDetector detector = new FailureDetector(h.controller, beats, h.clock, TIMEOUT);

    @AfterEach
    void close() {
        h.close();
    }

    /** Runs one detector pass and waits until whatever it submitted is applied. */
    private void check(FailureDetector d) {
        d.check();
        h.barrier();
    }

    private void beat(String id) {
        beats.record(id, h.clock.millis(), Map.of());
        detector.heardFrom(h.node(id));
        h.barrier();
    }

    private Node registerIn(String id, Lifecycle status) {
        h.register(id);
        if (status != Lifecycle.ACTIVE) {
            h.run(new SetNodeStatus(Workspace.DEFAULT, id, status, "set by test"));
        }
        return h.node(id);
    }

    private List<Event> eventsOf(String id) {
        return h.image().events().values().stream().filter(e -> id.equals(e.nodeId())).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Lifecycle.class, names = {"ACTIVE", "JOINING", "DRAINING", "DRAINED"})
    void aMonitoredNodeSilentLongerThanTheTimeoutBecomesInactiveAndRemembersItsState(Lifecycle state) {
        registerIn("web-1", state);
        beat("web-1");
        long lastBeat = h.clock.millis();

        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("web-1").status()).as("silent for exactly the timeout").isEqualTo(state);

        h.clock.advance(1);
        check(detector);
        Node n = h.node("web-1");
        assertThat(n.status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(n.resumeStatus()).isEqualTo(state);
        assertThat(n.statusReason()).isEqualTo("no heartbeat for " + (TIMEOUT + 1) + " ms");
        assertThat(n.statusChangedAtMs()).isEqualTo(lastBeat + TIMEOUT + 1);
        Event e = eventsOf("web-1").get(eventsOf("web-1").size() - 1);
        assertThat(e.reason()).isEqualTo("node.health_check_failed");
        assertThat(e.type()).isEqualTo(Event.WARNING);
        assertThat(e.actor()).isEqualTo(DETECTOR);
        assertThat(e.atMs()).isEqualTo(h.clock.millis());

        long index = h.image().appliedIndex();
        h.clock.advance(TIMEOUT * 10);
        check(detector);
        assertThat(h.image().appliedIndex()).as("an inactive node is not marked again").isEqualTo(index);
    }

    @ParameterizedTest
    @EnumSource(value = Lifecycle.class, names = {"ACTIVE", "JOINING", "DRAINING", "DRAINED"})
    void aHeartbeatRevivesAnInactiveNodeToTheStateItHad(Lifecycle state) {
        registerIn("web-1", state);
        h.clock.advance(TIMEOUT + 1);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.INACTIVE);

        h.clock.advance(5);
        beat("web-1");

        Node n = h.node("web-1");
        assertThat(n.status()).isEqualTo(state);
        assertThat(n.resumeStatus()).isNull();
        assertThat(n.statusReason()).isEqualTo("heartbeat received");
        Event e = eventsOf("web-1").get(eventsOf("web-1").size() - 1);
        assertThat(e.reason()).isEqualTo("node.status_changed");
        assertThat(e.message()).contains("inactive -> " + state.wire());
        assertThat(e.actor()).isEqualTo(DETECTOR);

        // Revived, it gets a full timeout again from that heartbeat.
        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(state);
    }

    @Test
    void aHeartbeatOfANodeThatIsNotInactiveWritesNothing() {
        registerIn("web-1", Lifecycle.DRAINING);
        long index = h.image().appliedIndex();
        beat("web-1");
        assertThat(h.image().appliedIndex()).isEqualTo(index);
    }

    @Test
    void regularHeartbeatsKeepANodeActive() {
        registerIn("web-1", Lifecycle.ACTIVE);
        long index = h.image().appliedIndex();
        for (int i = 0; i < 100; i++) {
            h.clock.advance(TIMEOUT / 3);
            beats.record("web-1", h.clock.millis(), Map.of());
            check(detector);
        }
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(h.image().appliedIndex()).as("heartbeats write nothing").isEqualTo(index);
    }

    @Test
    void nodesInMaintenanceAndUnmonitoredNodesAreNeverMarked() {
        registerIn("maint", Lifecycle.MAINTENANCE);
        for (Lifecycle s : List.of(Lifecycle.PROVISIONING, Lifecycle.STOPPED, Lifecycle.FAILED)) {
            registerIn(s.wire(), s);
        }
        h.run(new RegisterNode(spec("catalog", Lifecycle.ACTIVE, false), "s", false));
        h.run(new RegisterNode(spec("catalog-draining", Lifecycle.DRAINING, false), "s", false));
        Map<String, Lifecycle> before = statuses();
        long index = h.image().appliedIndex();

        for (int i = 0; i < 5; i++) {
            h.clock.advance(TIMEOUT * 100);
            check(detector);
        }

        assertThat(statuses()).isEqualTo(before);
        assertThat(h.image().appliedIndex()).isEqualTo(index);
        // A heartbeat from a node in maintenance does not take it out of maintenance either.
        beat("maint");
        assertThat(h.node("maint").status()).isEqualTo(Lifecycle.MAINTENANCE);
    }

    @Test
    void aNewDetectorGivesEveryNodeOneFullTimeout() {
        registerIn("heard-long-ago", Lifecycle.ACTIVE);
        registerIn("never-heard", Lifecycle.DRAINING);
        beat("heard-long-ago");
        h.clock.advance(TIMEOUT * 50);

        // As after a restart or a new leader: a new detector, with or without the old soft state.
        FailureDetector fresh = new FailureDetector(h.controller, beats, h.clock, TIMEOUT);
        FailureDetector freshEmpty = new FailureDetector(h.controller, new HeartbeatTracker(), h.clock, TIMEOUT);
        h.clock.advance(TIMEOUT);
        check(fresh);
        check(freshEmpty);
        assertThat(h.node("heard-long-ago").status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(h.node("never-heard").status()).isEqualTo(Lifecycle.DRAINING);

        h.clock.advance(1);
        check(freshEmpty);
        assertThat(h.node("heard-long-ago").status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(h.node("never-heard").status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(h.node("never-heard").resumeStatus()).isEqualTo(Lifecycle.DRAINING);
    }

    @Test
    void aNodeRegisteredLongAfterTheDetectorStartedGetsOneFullTimeout() {
        h.clock.advance(TIMEOUT * 4);
        registerIn("late", Lifecycle.ACTIVE);

        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("late").status()).as("registration counts as being heard from").isEqualTo(Lifecycle.ACTIVE);

        h.clock.advance(1);
        check(detector);
        assertThat(h.node("late").status()).isEqualTo(Lifecycle.INACTIVE);
    }

    @Test
    void aNodeThatEntersAWatchedStateGetsOneFullTimeoutFromThen() {
        registerIn("maint", Lifecycle.MAINTENANCE);
        h.clock.advance(TIMEOUT * 4);
        h.run(new SetNodeStatus(Workspace.DEFAULT, "maint", Lifecycle.ACTIVE, "maintenance ended"));

        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("maint").status()).isEqualTo(Lifecycle.ACTIVE);

        h.clock.advance(1);
        check(detector);
        assertThat(h.node("maint").status()).isEqualTo(Lifecycle.INACTIVE);
    }

    @Test
    void aNodeChangedWhileItsVerdictWasQueuedIsLeftAlone() {
        registerIn("web-1", Lifecycle.ACTIVE);
        h.clock.advance(TIMEOUT + 1);
        ControllerHarness.Gate gate = h.holdController();
        detector.check();
        h.controller.submit("key:op", new SetNodeStatus(Workspace.DEFAULT, "web-1", Lifecycle.MAINTENANCE, "op"));
        // The verdict was queued first, so it applies; the operator's change then wins.
        gate.open();
        h.barrier();
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.MAINTENANCE);

        registerIn("web-2", Lifecycle.ACTIVE);
        h.clock.advance(TIMEOUT + 1);
        gate = h.holdController();
        h.controller.submit("key:op", new SetNodeStatus(Workspace.DEFAULT, "web-2", Lifecycle.DRAINING, "op"));
        detector.check();
        gate.open();
        h.barrier();
        assertThat(h.node("web-2").status()).as("a verdict about a state the node left is dropped")
                .isEqualTo(Lifecycle.DRAINING);
        assertThat(eventsOf("web-2")).noneMatch(e -> e.reason().equals("node.health_check_failed"));
    }

    @Test
    void withManyNodesOnlyTheSilentOneIsMarkedAndACheckLooksOnlyAtNodesThatAreDue() {
        int count = 3_000;
        List<java.util.concurrent.CompletableFuture<?>> registered = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            registered.add(h.controller.submit(ControllerHarness.ACTOR,
                    new RegisterNode(spec("n-" + i), "s", false)));
        }
        registered.forEach(ControllerHarness::await);
        check(detector);
        long afterFirst = detector.judgedCount();

        for (int round = 0; round < 12; round++) {
            h.clock.advance(TIMEOUT / 4);
            for (int i = 1; i < count; i++) {
                beats.record("n-" + i, h.clock.millis(), Map.of());
            }
            long before = detector.judgedCount();
            check(detector);
            check(detector);
            assertThat(detector.judgedCount() - before).as("a check judges only nodes whose deadline passed")
                    .isLessThanOrEqualTo(count + 2L);
        }
        // Three timeouts: each beating node was looked at about once per timeout, not once per check.
        assertThat(detector.judgedCount() - afterFirst).isLessThanOrEqualTo(4L * count);
        assertThat(h.node("n-0").status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(h.image().nodes().values().stream().filter(n -> n.status() == Lifecycle.INACTIVE).count())
                .isEqualTo(1);
    }

    @Test
    void aHeartbeatJustBeforeTheDeadlineMovesIt() {
        registerIn("web-1", Lifecycle.ACTIVE);
        check(detector);
        h.clock.advance(TIMEOUT);
        beats.record("web-1", h.clock.millis(), Map.of());
        long beatAt = h.clock.millis();
        h.clock.advance(1);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.ACTIVE);

        h.clock.advance(beatAt + TIMEOUT - h.clock.millis());
        check(detector);
        assertThat(h.node("web-1").status()).as("silent for exactly the timeout").isEqualTo(Lifecycle.ACTIVE);
        h.clock.advance(1);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(h.node("web-1").statusReason()).isEqualTo("no heartbeat for " + (TIMEOUT + 1) + " ms");
    }

    @Test
    void aRemovedNodeIsForgottenAndARegisteredAgainNodeGetsOneFullTimeoutFromItsRegistration() {
        registerIn("web-1", Lifecycle.ACTIVE);
        registerIn("web-2", Lifecycle.ACTIVE);
        check(detector);
        h.clock.advance(TIMEOUT / 2);
        h.run(new io.corral.server.commands.RemoveNode(Workspace.DEFAULT, "web-1", "gone", true));
        beats.forget("web-1");
        check(detector);
        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("web-1")).isNull();
        assertThat(h.node("web-2").status()).isEqualTo(Lifecycle.INACTIVE);

        h.clock.advance(TIMEOUT * 3);
        registerIn("web-1", Lifecycle.ACTIVE);
        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.ACTIVE);
        h.clock.advance(1);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.INACTIVE);
    }

    @Test
    void aNodeRegisteredAgainWhileInactiveIsWatchedAgain() {
        registerIn("web-1", Lifecycle.ACTIVE);
        check(detector);
        h.clock.advance(TIMEOUT + 1);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.INACTIVE);

        h.clock.advance(TIMEOUT * 2);
        h.run(new RegisterNode(spec("web-1"), "s2", true));
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.ACTIVE);
        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.ACTIVE);
        h.clock.advance(1);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.INACTIVE);
    }

    @Test
    void aNodeThatBecomesMonitoredByRegisteringAgainIsJudgedAtTheNextCheck() {
        h.run(new RegisterNode(spec("catalog", Lifecycle.ACTIVE, false), "s", false));
        check(detector);
        h.clock.advance(TIMEOUT * 3);
        check(detector);
        h.run(new RegisterNode(spec("catalog", Lifecycle.ACTIVE, true), "s", true));
        h.clock.advance(FailureDetector.CHECK_INTERVAL_MS);
        check(detector);
        assertThat(h.node("catalog").status()).as("as the full scan did: silent since it entered ACTIVE")
                .isEqualTo(Lifecycle.INACTIVE);
    }

    @Test
    void regainingLeadershipGivesEveryNodeOneFullTimeoutFromThen() {
        registerIn("web-1", Lifecycle.ACTIVE);
        registerIn("web-2", Lifecycle.DRAINING);
        beat("web-1");
        check(detector);
        h.clock.advance(TIMEOUT / 2);
        detector.leadershipGained();
        long gainedAt = h.clock.millis();

        h.clock.advance(TIMEOUT);
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(h.node("web-2").status()).isEqualTo(Lifecycle.DRAINING);

        h.clock.advance(gainedAt + TIMEOUT + 1 - h.clock.millis());
        check(detector);
        assertThat(h.node("web-1").status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(h.node("web-2").status()).isEqualTo(Lifecycle.INACTIVE);
    }

    private Map<String, Lifecycle> statuses() {
        Map<String, Lifecycle> out = new java.util.TreeMap<>();
        h.image().nodes().values().forEach(n -> out.put(n.id(), n.status()));
        return out;
    }
}
