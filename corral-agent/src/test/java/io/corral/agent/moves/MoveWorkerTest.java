package io.corral.agent.moves;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The move worker against an in-memory coordinator, with a donor node "a" and a target node "b". */
class MoveWorkerTest {
    private static final ShardRef SHARD = new ShardRef("db.t", 3);
    private static final MoveWorkerSettings FAST = new MoveWorkerSettings(20, 0, 2, 2, 5, 3);
    private final MemoryParticipant a = new MemoryParticipant();
    private final MemoryParticipant b = new MemoryParticipant();
    private final MemoryTransport transport = new MemoryTransport(Map.of("http://a", a, "http://b", b));
    private final List<MoveWorker> workers = new ArrayList<>();
    private FakeCoordinator coordinator;

    @BeforeEach
    void placeShardOnA() {
        coordinator = new FakeCoordinator(Map.of("a", "http://a", "b", "http://b"), 3);
        coordinator.place(SHARD, "a");
        for (int i = 0; i < 100; i++) {
            a.write(SHARD, "k" + i, "v" + i);
        }
    }

    @AfterEach
    void stop() {
        workers.forEach(MoveWorker::close);
    }

    private MoveWorker worker(String node, MoveParticipant p, MoveWorkerSettings settings) {
        MoveWorker w = MoveWorker.start(node, coordinator, transport, p, settings);
        workers.add(w);
        return w;
    }

    private void awaitPhase(String id, MovePhase phase) {
        Await.until("move " + id + " " + phase + "; reports " + coordinator.reports(), 20_000,
                () -> coordinator.get(id).phase() == phase);
    }

    @Test
    void theTargetCopiesSnapshotAndChangesAndTheSourceCleansUp() {
        a.afterSnapshotExport = () -> a.write(SHARD, "late", "written after the snapshot");
        worker("a", a, FAST);
        worker("b", b, FAST);
        coordinator.startMove("m1", SHARD, "a", "b");
        long versionShowingTarget = coordinator.mapVersion();

        awaitPhase("m1", MovePhase.DONE);

        assertThat(b.copy(SHARD)).hasSize(101).containsEntry("late", "written after the snapshot")
                .containsEntry("k42", "v42");
        assertThat(a.data).doesNotContainKey(SHARD);
        assertThat(a.fences.get(SHARD)).isEqualTo(versionShowingTarget);
        assertThat(coordinator.reports()).filteredOn(r -> !r.startsWith("progress"))
                .containsExactly(StepReport.SNAPSHOT_TRANSFERRED, StepReport.WAL_SYNCED, StepReport.CLEANED_UP);
        assertThat(coordinator.staleReports()).as("reports about an attempt that was over").isZero();
        assertThat(b.snapshotImports.get()).isEqualTo(1);
        assertThat(b.abandons.get()).isZero();
    }

    @Test
    void aNewAttemptCancelsTheRunningPhaseAndDoesItAgain() {
        CountDownLatch never = new CountDownLatch(1);
        b.holdFirstImport = never;
        worker("a", a, FAST);
        worker("b", b, FAST);
        coordinator.startMove("m2", SHARD, "a", "b");
        Await.until("first import started", 20_000, () -> b.snapshotImports.get() == 1);

        coordinator.restartPhase("m2");

        awaitPhase("m2", MovePhase.DONE);
        assertThat(b.snapshotImports.get()).isEqualTo(2);
        assertThat(coordinator.count(StepReport.SNAPSHOT_TRANSFERRED)).isEqualTo(1);
        assertThat(coordinator.count("fail")).isZero();
        assertThat(b.copy(SHARD)).hasSize(100);
    }

    @Test
    void aPhaseThatKeepsFailingIsReportedAndARolledBackMoveIsAbandoned() {
        worker("b", b, FAST);
        coordinator.place(new ShardRef("db.t", 9), "a");
        // The donor "a" runs no worker and its participant does not hold shard 9: every transfer fails.
        coordinator.startMove("m3", new ShardRef("db.t", 9), "a", "b");

        awaitPhase("m3", MovePhase.FAILED);
        Await.until("abandoned", 20_000, () -> b.abandons.get() == 1);
        assertThat(coordinator.count("fail")).isEqualTo(3);
        assertThat(coordinator.reports()).allSatisfy(r -> assertThat(r).startsWith("fail b: snapshot failed"));
        assertThat(coordinator.reports().get(0)).contains("not held: db.t/9");
    }

    @Test
    void aCancelledCopyIsAbandonedBeforeTheNextCopyOfTheShardStarts() {
        b.holdFirstImport = new CountDownLatch(1);
        CountDownLatch abandonMayFinish = new CountDownLatch(1);
        b.holdAbandon = abandonMayFinish;
        worker("a", a, FAST);
        MoveWorker wb = worker("b", b, FAST);
        coordinator.startMove("m6", SHARD, "a", "b");
        Await.until("first import started", 20_000, () -> b.snapshotImports.get() == 1);
        coordinator.cancel("m6");
        Await.until("abandon started", 20_000, () -> b.abandons.get() == 1);

        coordinator.startMove("m7", SHARD, "a", "b");
        long polls = wb.stats().polls();
        Await.until("three more polls, the first of which launched m7's snapshot", 20_000,
                () -> wb.stats().polls() >= polls + 3);
        assertThat(b.snapshotImports.get()).as("m7's copy waits for m6's abandon").isEqualTo(1);
        abandonMayFinish.countDown();

        awaitPhase("m7", MovePhase.DONE);
        assertThat(b.copy(SHARD)).as("the new copy was not dropped by the old move's abandon").hasSize(100);
        assertThat(b.snapshotImports.get()).isEqualTo(2);
    }

    @Test
    void progressIsReportedWhileCopying() {
        for (int i = 0; i < 5_000; i++) {
            a.write(SHARD, "bulk" + i, "x".repeat(100));
        }
        worker("a", a, FAST);
        worker("b", b, FAST);
        coordinator.startMove("m4", SHARD, "a", "b");
        awaitPhase("m4", MovePhase.DONE);
        assertThat(coordinator.reports()).anySatisfy(r -> assertThat(r).matches("progress bytes [1-9][0-9]*/[1-9][0-9]*"));
    }

    @Test
    void onlyTheDonorOfAnUnfinishedMoveServesExports() {
        MoveWorker wa = worker("a", a, FAST);
        MoveWorker wb = worker("b", b, FAST);
        b.holdFirstImport = new CountDownLatch(1);
        coordinator.startMove("m5", SHARD, "a", "b");
        assertThat(wa.isDonor("m5", SHARD)).isTrue();
        assertThat(wa.isDonor("m5", new ShardRef("db.t", 4))).isFalse();
        assertThat(wb.isDonor("m5", SHARD)).isFalse();
        assertThat(wa.isDonor("nope", SHARD)).isFalse();
    }
}
