package io.corral.server.controller;

import static io.corral.server.testing.ControllerHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.server.commands.CreateApiKey;
import io.corral.server.commands.CreateWorkspace;
import io.corral.server.commands.DeleteWorkspace;
import io.corral.server.commands.MarkNodeInactive;
import io.corral.server.commands.NodePatch;
import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.ReviveNode;
import io.corral.server.commands.RevokeApiKey;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.commands.UpdateNode;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Event;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.Role;
import io.corral.server.domain.Taint;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The single writer over an in-memory log: commands become records, records become the image. */
class ControllerTest {
    private final ControllerHarness h = new ControllerHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aCommandsRecordsAreCommittedAndReplayedIntoTheImage() {
        long before = h.image().appliedIndex();
        long at = h.clock.advance(1234);

        RegisterNode.Registration reg = h.run(new RegisterNode(spec("web-1"), "s3cret", false));

        assertThat(reg.token()).isEqualTo("crn_web-1.s3cret");
        Node stored = h.node("web-1");
        assertThat(stored).isEqualTo(reg.node());
        assertThat(stored.status()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(stored.createdAtMs()).isEqualTo(at);
        assertThat(stored.seq()).isEqualTo(1);
        assertThat(h.image().nextNodeSeq()).isEqualTo(2);
        assertThat(h.image().appliedIndex()).isEqualTo(before + 1);
        Event last = h.image().events().get(h.image().events().lastKey());
        assertThat(last.reason()).isEqualTo("node.registered");
        assertThat(last.actor()).isEqualTo(ControllerHarness.ACTOR);
        assertThat(last.atMs()).isEqualTo(at);
        assertThat(last.nodeId()).isEqualTo("web-1");
    }

    @Test
    void aCommandThatChangesNothingWritesNoEntry() {
        h.register("web-1");
        ClusterImage before = h.image();

        Node same = h.run(new SetNodeStatus(Workspace.DEFAULT, "web-1", Lifecycle.ACTIVE, "registered"));

        assertThat(same).isEqualTo(before.nodes().get("web-1"));
        assertThat(h.image()).isSameAs(before);
    }

    @Test
    void aFailedValidationWritesNothing() {
        h.register("web-1");
        ClusterImage before = h.image();

        assertThatThrownBy(() -> h.register("web-1")).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ALREADY_EXISTS));
        assertThatThrownBy(() -> h.run(new RemoveNode(Workspace.DEFAULT, "nope", null)))
                .isInstanceOfSatisfying(CorralException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_NOT_FOUND));
        assertThatThrownBy(() -> h.run(new DeleteWorkspace(Workspace.DEFAULT)))
                .isInstanceOfSatisfying(CorralException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));

        assertThat(h.image()).isEqualTo(before);
        assertThat(h.log.replayFromScratch()).isEqualTo(before);
    }

    @Test
    void aFailingCommandFailsAloneWithinItsBatchAndTheBatchIsOneEntry() throws Exception {
        h.register("taken");
        long indexBefore = h.image().appliedIndex();

        ControllerHarness.Gate gate = h.holdController();
        CompletableFuture<RegisterNode.Registration> first =
                h.controller.submit("key:a", new RegisterNode(spec("a-1"), "x", false));
        CompletableFuture<RegisterNode.Registration> clash =
                h.controller.submit("key:b", new RegisterNode(spec("taken"), "x", false));
        CompletableFuture<Node> missing =
                h.controller.submit("key:c", new SetNodeStatus(Workspace.DEFAULT, "ghost", Lifecycle.DRAINING, null));
        CompletableFuture<RegisterNode.Registration> last =
                h.controller.submit("key:d", new RegisterNode(spec("d-1"), "x", false));
        gate.open();

        assertThat(ControllerHarness.await(first).node().id()).isEqualTo("a-1");
        assertThat(ControllerHarness.await(last).node().id()).isEqualTo("d-1");
        assertThat(ControllerHarness.causeOf(clash)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ALREADY_EXISTS));
        assertThat(ControllerHarness.causeOf(missing)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_NOT_FOUND));
        // The two accepted commands went out as a single log entry; the failed ones wrote nothing.
        assertThat(h.image().appliedIndex()).isEqualTo(indexBefore + 1);
        assertThat(h.image().nodes().keySet()).containsExactlyInAnyOrder("taken", "a-1", "d-1");
        assertThat(h.node("d-1").seq()).isEqualTo(h.node("a-1").seq() + 1);
        assertThat(h.image().events().values()).filteredOn(e -> "ghost".equals(e.nodeId())).isEmpty();
    }

    @Test
    void laterCommandsOfABatchSeeTheRecordsOfEarlierOnes() {
        ControllerHarness.Gate gate = h.holdController();
        CompletableFuture<RegisterNode.Registration> reg =
                h.controller.submit("key:a", new RegisterNode(spec("web-1"), "x", false));
        CompletableFuture<Node> drain =
                h.controller.submit("key:a", new SetNodeStatus(Workspace.DEFAULT, "web-1", Lifecycle.DRAINING, "x"));
        CompletableFuture<Node> remove = h.controller.submit("key:a", new RemoveNode(Workspace.DEFAULT, "web-1", null));
        CompletableFuture<RegisterNode.Registration> again =
                h.controller.submit("key:a", new RegisterNode(spec("web-1"), "y", false));
        gate.open();

        long firstSeq = ControllerHarness.await(reg).node().seq();
        assertThat(ControllerHarness.await(drain).status()).isEqualTo(Lifecycle.DRAINING);
        assertThat(ControllerHarness.await(remove).status()).isEqualTo(Lifecycle.DRAINING);
        Node reRegistered = ControllerHarness.await(again).node();
        assertThat(reRegistered.seq()).isGreaterThan(firstSeq);
        assertThat(h.node("web-1")).isEqualTo(reRegistered);
    }

    @Test
    void concurrentRegistrationsOfOneIdInOneBatchHaveExactlyOneWinner() {
        ControllerHarness.Gate gate = h.holdController();
        List<CompletableFuture<RegisterNode.Registration>> tries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tries.add(h.controller.submit("key:k" + i, new RegisterNode(spec("contested"), "secret" + i, false)));
        }
        gate.open();

        assertExactlyOneWinner(tries);
    }

    @Test
    void concurrentRegistrationsOfOneIdFromManyThreadsHaveExactlyOneWinnerPerId() throws Exception {
        int threads = 8;
        int ids = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<List<CompletableFuture<RegisterNode.Registration>>> perId = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
                perId.add(java.util.Collections.synchronizedList(new ArrayList<>()));
            }
            List<java.util.concurrent.Future<?>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < ids; i++) {
                        perId.get(i).add(h.controller.submit("key:t" + thread,
                                new RegisterNode(spec("n-" + i), "s" + thread, false)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var f : submitted) {
                f.get(ControllerHarness.WAIT_SECONDS, TimeUnit.SECONDS);
            }
            for (List<CompletableFuture<RegisterNode.Registration>> tries : perId) {
                assertExactlyOneWinner(tries);
            }
            Set<Long> seqs = new HashSet<>();
            for (Node n : h.image().nodes().values()) {
                assertThat(seqs.add(n.seq())).as("seq %d of %s is unique", n.seq(), n.id()).isTrue();
            }
            assertThat(h.image().nodes()).hasSize(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sequenceNumbersAreNeverReusedAfterRemoveAndReRegister() {
        Set<Long> everAssigned = new HashSet<>();
        for (String id : List.of("a", "b", "c")) {
            everAssigned.add(h.register(id).seq());
        }
        h.run(new RemoveNode(Workspace.DEFAULT, "c", "gone"));
        h.run(new RemoveNode(Workspace.DEFAULT, "b", "gone"));
        assertThat(h.image().nextNodeSeq()).isEqualTo(4);

        long bAgain = h.register("b").seq();
        assertThat(everAssigned).doesNotContain(bAgain);
        everAssigned.add(bAgain);
        // "3" was c's sequence number; as a numeric id it may exist, but it gets a fresh sequence number.
        long three = h.register("3").seq();
        assertThat(everAssigned).doesNotContain(three);
        everAssigned.add(three);
        // A numeric id above every sequence number handed out becomes its own sequence number.
        assertThat(h.register("100").seq()).isEqualTo(100);
        h.run(new RemoveNode(Workspace.DEFAULT, "100", null));
        assertThat(h.register("next").seq()).isEqualTo(101);
        assertThat(h.register("100").seq()).isEqualTo(102);

        ClusterImage replayed = h.log.replayFromScratch();
        assertThat(replayed.nextNodeSeq()).isEqualTo(103);
        assertThat(replayed).isEqualTo(h.image());
    }

    @Test
    void everyAcknowledgedRegistrationIsInTheImageEvenAfterHugeNumericIds() {
        Set<Long> seqs = new HashSet<>();
        for (String id : List.of("9223372036854775806", "a", "b", "9223372036854775807", "c",
                "18446744073709551615", "d")) {
            RegisterNode.Registration reg;
            try {
                reg = h.run(new RegisterNode(spec(id), "x", false));
            } catch (CorralException refused) {
                assertThat(id).as("an ordinary id is always accepted").containsOnlyDigits();
                continue;
            }
            Node stored = h.node(id);
            assertThat(stored).as("acknowledged registration of %s is in the image", id).isEqualTo(reg.node());
            assertThat(seqs.add(stored.seq())).as("seq %d of %s is fresh", stored.seq(), id).isTrue();
        }
        assertThat(h.image().nodes().keySet()).contains("a", "b", "c", "d");
        assertThat(h.image().nextNodeSeq()).isLessThan(RegisterNode.MAX_ADOPTED_SEQ);
        assertThat(h.log.replayFromScratch()).isEqualTo(h.image());
    }

    @Test
    void replayingTheLogFromScratchGivesTheLiveImage() {
        h.run(new CreateWorkspace("team-a", "Team A", "eu", Map.of("tier", "gold")));
        h.run(new CreateApiKey("k1", "ops", Role.OPERATOR, Set.of("team-a"), "hash-1"));
        h.run(new CreateApiKey("k2", "admin2", Role.ADMIN, Set.of("*"), "hash-2"));
        h.register("web-1");
        h.register("web-2");
        h.run(new RegisterNode(new io.corral.server.domain.NodeSpec("db-1", "team-a", "Database 1", "db",
                new io.corral.server.domain.NodeAddresses("http://10.0.0.1:80", "10.0.0.1:8082", "10.0.0.1:8081"),
                Map.of("env", "prod"), List.of(new Taint("dedicated", "db", "NoSchedule")), "z1", "r1", 2.5,
                Lifecycle.JOINING, Map.of("cores", 8, "ssd", true), "plan-1", "aws", null, true), "x", false));
        h.clock.advance(10_000);
        h.run(new UpdateNode(Workspace.DEFAULT, "web-1",
                new NodePatch("Web 1", Map.of("a", "b"), null, Map.of("k", List.of(1, 2)), "z2", null, null, 3.0)));
        h.run(new SetNodeStatus(Workspace.DEFAULT, "web-2", Lifecycle.DRAINING, "rebalance"));
        h.run(new MarkNodeInactive("web-2", Lifecycle.DRAINING, 20_000));
        h.run(new ReviveNode("web-2"));
        h.run(new MarkNodeInactive("db-1", Lifecycle.JOINING, 20_000));
        h.run(new SetNodeStatus(Workspace.DEFAULT, "web-1", Lifecycle.MAINTENANCE, "kernel"));
        h.run(new RegisterNode(spec("web-3"), "x", false));
        h.run(new RemoveNode(Workspace.DEFAULT, "web-3", "decommissioned"));
        h.run(new RevokeApiKey("k1"));
        h.run(new CreateWorkspace("team-b", null, null, null));
        h.run(new DeleteWorkspace("team-b"));

        ClusterImage live = h.image();
        ClusterImage replayed = h.log.replayFromScratch();

        assertThat(replayed).isEqualTo(live);
        assertThat(live.nodes().get("web-2").status()).isEqualTo(Lifecycle.DRAINING);
        assertThat(live.nodes().get("db-1").status()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(live.nodes().get("db-1").resumeStatus()).isEqualTo(Lifecycle.JOINING);
        assertThat(live.apiKeys().keySet()).containsExactly("k2");
        assertThat(live.workspaces().keySet()).containsExactlyInAnyOrder("default", "team-a");
    }

    @Test
    void aClosedControllerRefusesNewCommands() {
        h.controller.close();
        CompletableFuture<RegisterNode.Registration> f =
                h.controller.submit("key:a", new RegisterNode(spec("late"), "x", false));
        assertThat(ControllerHarness.causeOf(f)).isInstanceOfSatisfying(CorralException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(h.image().nodes()).isEmpty();
    }

    private static void assertExactlyOneWinner(List<CompletableFuture<RegisterNode.Registration>> tries) {
        int won = 0;
        for (CompletableFuture<RegisterNode.Registration> f : tries) {
            Throwable cause = ControllerHarness.causeOf(f);
            if (cause == null) {
                won++;
            } else {
                assertThat(cause).isInstanceOfSatisfying(CorralException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ALREADY_EXISTS));
            }
        }
        assertThat(won).as("registrations that succeeded").isEqualTo(1);
    }
}
