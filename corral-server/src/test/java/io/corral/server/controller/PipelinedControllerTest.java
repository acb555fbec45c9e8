package io.corral.server.controller;

import static io.corral.server.testing.ControllerHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.Workspace;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.RecordCodec;
import io.corral.server.testing.ControllableLog;
import io.corral.server.testing.ControllerHarness;
import io.corral.server.testing.MutableClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller appends later batches while earlier ones commit, and keeps replies and failures in log order. */
class PipelinedControllerTest {
    private static final int MAX_IN_FLIGHT = 3;
    private final MutableClock clock = MutableClock.atSomeInstant();
    private final ControllableLog log = new ControllableLog();
    private final Controller controller = new Controller(log, clock, nanos -> { }, MAX_IN_FLIGHT);

    @AfterEach
    void close() {
        controller.close();
    }

    private CompletableFuture<RegisterNode.Registration> register(String id) {
        return controller.submit(ControllerHarness.ACTOR, new RegisterNode(spec(id), "s-" + id, false));
    }

    @Test
    void laterBatchesAreAppendedBeforeEarlierOnesCommitAndRepliesCompleteInLogOrder() throws Exception {
        CompletableFuture<RegisterNode.Registration> a = register("a");
        log.awaitAppended(1);
        CompletableFuture<RegisterNode.Registration> b = register("b");
        // b is validated against the image that includes a's uncommitted registration.
        assertThat(log.awaitAppended(2)).isEqualTo(2);
        CompletableFuture<RegisterNode.Registration> aAgain = register("a");
        CompletableFuture<Node> drainB =
                controller.submit(ControllerHarness.ACTOR,
                        new SetNodeStatus(Workspace.DEFAULT, "b", Lifecycle.DRAINING, "x"));
        assertThat(log.awaitAppended(3)).isEqualTo(3);

        assertThat(List.of(a, b, aAgain, drainB)).noneMatch(CompletableFuture::isDone);
        log.commitOldest();
        assertThat(ControllerHarness.await(a).node().seq()).isEqualTo(1);
        assertThat(controller.image().nodes().keySet()).containsExactly("a");
        assertThat(b).isNotDone();
        // The refusal was decided against b's uncommitted batch: it waits for it, in log order.
        assertThat(aAgain).isNotDone();
        log.commitOldest();
        assertThat(ControllerHarness.await(b).node().seq()).isEqualTo(2);
        assertThat(drainB).isNotDone();
        log.commitOldest();
        assertThat(ControllerHarness.causeOf(aAgain)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ALREADY_EXISTS));
        assertThat(ControllerHarness.await(drainB).status()).isEqualTo(Lifecycle.DRAINING);
        assertThat(controller.image()).isEqualTo(log.committed.replayFromScratch());
    }

    @Test
    void noMoreThanTheLimitOfBatchesIsInFlight() throws Exception {
        CountDownLatch probeRan = new CountDownLatch(1);
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            register("n" + i);
            log.awaitAppended(i + 1);
        }
        CompletableFuture<RegisterNode.Registration> over = register("over");
        CompletableFuture<Object> probe = controller.submit(ControllerHarness.ACTOR, (img, ctx) -> {
            probeRan.countDown();
            return Outcome.unchanged(null);
        });

        assertThat(probeRan.await(200, TimeUnit.MILLISECONDS)).as("a command ran with the pipeline full").isFalse();
        assertThat(log.appendedTotal()).isEqualTo(MAX_IN_FLIGHT);
        log.commitOldest();
        log.awaitAppended(MAX_IN_FLIGHT + 1);
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            log.commitOldest();
        }
        assertThat(ControllerHarness.await(over).node().id()).isEqualTo("over");
        ControllerHarness.await(probe);
        assertThat(controller.image().nodes()).hasSize(MAX_IN_FLIGHT + 1);
    }

    @Test
    void batchesThatWroteNothingDoNotTakeAPlaceInThePipeline() throws Exception {
        for (int i = 0; i < MAX_IN_FLIGHT - 1; i++) {
            register("n" + i);
            log.awaitAppended(i + 1);
        }
        CountDownLatch ran = new CountDownLatch(1);
        CompletableFuture<Object> nothing = controller.submit(ControllerHarness.ACTOR, (img, ctx) -> {
            ran.countDown();
            return Outcome.unchanged(null);
        });
        assertThat(ran.await(ControllerHarness.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<RegisterNode.Registration> last = register("last");
        assertThat(log.awaitAppended(MAX_IN_FLIGHT)).isEqualTo(MAX_IN_FLIGHT);
        assertThat(nothing).isNotDone();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            log.commitOldest();
        }
        ControllerHarness.await(nothing);
        assertThat(ControllerHarness.await(last).node().id()).isEqualTo("last");
    }

    @Test
    void aFailedBatchFailsEveryLaterBatchInFlightAndTheNextIsBuiltOnTheCommittedImage() throws Exception {
        CompletableFuture<RegisterNode.Registration> a = register("a");
        log.awaitAppended(1);
        CompletableFuture<RegisterNode.Registration> b = register("b");
        log.awaitAppended(2);
        CompletableFuture<RegisterNode.Registration> c = register("c");
        log.awaitAppended(3);

        log.failOldest(new IllegalStateException("disk on fire"));
        // b's entry does commit, but its reply was computed on top of a's, which did not.
        log.commitOldest();
        log.failOldest(new CorralException(ErrorCode.UNAVAILABLE, "lost leadership"));

        for (CompletableFuture<?> f : List.of(a, b, c)) {
            assertThat(ControllerHarness.causeOf(f)).isInstanceOfSatisfying(CorralException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        }
        // The working image was reset to the committed one: "a" is free, "b" (which committed) is not.
        CompletableFuture<RegisterNode.Registration> aRetry = register("a");
        CompletableFuture<RegisterNode.Registration> bRetry = register("b");
        log.awaitAppended(4);
        log.commitOldest();
        assertThat(ControllerHarness.await(aRetry).node().id()).isEqualTo("a");
        assertThat(ControllerHarness.causeOf(bRetry)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ALREADY_EXISTS));
        assertThat(controller.image().nodes().keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(controller.image().nodes().get("a").seq()).isNotEqualTo(controller.image().nodes().get("b").seq());
        assertThat(controller.image()).isEqualTo(log.committed.replayFromScratch());
    }

    @Test
    void afterLosingAndRegainingLeadershipCommandsAreValidatedAgainstWhatTheOtherLeaderWrote() throws Exception {
        CompletableFuture<RegisterNode.Registration> a = register("a");
        log.awaitAppended(1);
        log.setLeader(false);
        CompletableFuture<RegisterNode.Registration> refused = register("x");
        assertThat(ControllerHarness.causeOf(refused)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        log.failOldest(new CorralException(ErrorCode.UNAVAILABLE, "not the leader"));
        assertThat(ControllerHarness.causeOf(a)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

        // Meanwhile another leader registered "a" with sequence number 7.
        Node foreign = new Node("a", 7, Workspace.DEFAULT, null, "worker", null, java.util.Map.of(), List.of(),
                null, null, 1.0, Lifecycle.ACTIVE, null, null, java.util.Map.of(), null, null, null, true, "hash",
                clock.millis(), clock.millis(), clock.millis());
        log.writeForeign(RecordCodec.encodeBatch(List.of(new NodeRegistered(foreign, clock.millis(), "key:other"))));
        log.setLeader(true);

        CompletableFuture<RegisterNode.Registration> aAgain = register("a");
        CompletableFuture<RegisterNode.Registration> c = register("c");
        log.awaitAppended(2);
        log.commitOldest();
        assertThat(ControllerHarness.causeOf(aAgain)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ALREADY_EXISTS));
        assertThat(ControllerHarness.await(c).node().seq()).isGreaterThan(7);
    }
}
