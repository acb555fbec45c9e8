package io.corral.server.commands.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.server.commands.CreateResource;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.MoveProgress;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.storage.ImageSnapshotCodec;
import io.corral.server.testing.ControllerHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The move state machine on a fake clock: every step, timeout, retry, cancel, rollback and restart. */
class MoveStateMachineTest {
    static final MoveLimits LIMITS = new MoveLimits(2, 4, 10_000, 3);
    ControllerHarness h;
    Shard before;
    String leader;
    String follower;
    String spare;

    @BeforeEach
    void setUp() {
        h = new ControllerHarness();
        for (String id : List.of("a", "b", "c", "d")) {
            h.register(id);
        }
        h.run(new CreateResource(new Resource(Workspace.DEFAULT, "t", "table", RoutingStyle.PARTITIONED, List.of(),
                4, 2, null, Map.of(), List.of(), false, 0, DataMovement.STAGED, 0, 0)));
        before = shard(0);
        leader = before.replicas().get(0).nodeId();
        follower = before.replicas().get(1).nodeId();
        spare = List.of("a", "b", "c", "d").stream().filter(n -> !n.equals(leader) && !n.equals(follower))
                .findFirst().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    Shard shard(long id) {
        return h.image().map(Workspace.DEFAULT, "t").shards().get(id);
    }

    Move start(String from, String to) {
        return h.run(new StartMove(Workspace.DEFAULT, "t", 0, from, to, "test", null, LIMITS));
    }

    Move step(Move m, MoveStep step) {
        return h.run(new ReportMoveStep(m.id(), step, MoveProgress.NONE, null, LIMITS));
    }

    Replica replicaOn(Shard s, String node) {
        return s.replicas().stream().filter(r -> node.equals(r.nodeId())).findFirst().orElse(null);
    }

    @Test
    void aMoveGoesThroughEveryPhaseAndTheMapFollows() {
        Move m = start(leader, spare);
        assertThat(m.phase()).isEqualTo(MovePhase.SNAPSHOT);
        assertThat(m.donorNode()).isEqualTo(leader);
        assertThat(replicaOn(shard(0), spare).state()).isEqualTo(Replica.State.JOINING);
        assertThat(shard(0).leader().nodeId()).isEqualTo(leader);

        m = step(m, MoveStep.SNAPSHOT_TRANSFERRED);
        assertThat(m.phase()).isEqualTo(MovePhase.CATCH_UP);
        m = step(m, MoveStep.WAL_SYNCED);
        assertThat(m.phase()).isEqualTo(MovePhase.AWAITING_CUTOVER);
        assertThat(replicaOn(shard(0), spare).state()).isEqualTo(Replica.State.JOINING);

        m = step(m, MoveStep.CUTOVER);
        assertThat(m.phase()).isEqualTo(MovePhase.CLEANUP);
        Shard flipped = shard(0);
        assertThat(flipped.leader().nodeId()).as("the target takes over the source's leadership").isEqualTo(spare);
        assertThat(flipped.leader().state()).isEqualTo(Replica.State.ACTIVE);
        assertThat(replicaOn(flipped, leader).state()).isEqualTo(Replica.State.LEAVING);

        m = step(m, MoveStep.CLEANED_UP);
        assertThat(m.phase()).isEqualTo(MovePhase.DONE);
        Shard after = shard(0);
        assertThat(after.replicas()).extracting(Replica::nodeId).containsExactly(spare, follower);
        assertThat(after.replicas()).allMatch(r -> r.state() == Replica.State.ACTIVE);
        assertThat(h.image().moves().active()).isEmpty();
        assertThat(h.image().moves().find(m.id()).orElseThrow().phase()).isEqualTo(MovePhase.DONE);
    }

    @Test
    void addingAReplicaEndsAtTheCutover() {
        Move m = start(null, spare);
        assertThat(m.donorNode()).isEqualTo(leader);
        step(m, MoveStep.SNAPSHOT_TRANSFERRED);
        step(m, MoveStep.WAL_SYNCED);
        m = step(m, MoveStep.CUTOVER);
        assertThat(m.phase()).isEqualTo(MovePhase.DONE);
        assertThat(shard(0).replicas()).extracting(Replica::nodeId).containsExactly(leader, follower, spare);
    }

    @Test
    void repeatedReportsChangeNothingAndEarlyOnesConflict() {
        Move m = start(follower, spare);
        assertThatThrownBy(() -> step(h.image().moves().find(m.id()).orElseThrow(), MoveStep.WAL_SYNCED))
                .isInstanceOf(CorralException.class).extracting(e -> ((CorralException) e).code())
                .isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        step(m, MoveStep.SNAPSHOT_TRANSFERRED);
        long index = h.image().appliedIndex();
        Move again = step(m, MoveStep.SNAPSHOT_TRANSFERRED);
        assertThat(again.phase()).isEqualTo(MovePhase.CATCH_UP);
        assertThat(h.image().appliedIndex()).as("nothing written").isEqualTo(index);
    }

    @Test
    void progressIsKeptWithTheMove() {
        Move m = start(follower, spare);
        Move p = h.run(new ReportMoveStep(m.id(), MoveStep.PROGRESS, new MoveProgress(50, 200, 5_000, 20_000, 0),
                null, LIMITS));
        assertThat(p.progress().fraction()).isEqualTo(0.25);
        assertThat(p.phase()).isEqualTo(MovePhase.SNAPSHOT);
    }

    @Test
    void cancelBeforeCutoverRollsBackAndAfterItIsRefused() {
        Move m = start(follower, spare);
        step(m, MoveStep.SNAPSHOT_TRANSFERRED);
        Move cancelled = h.run(new CancelMove(m.id(), "changed my mind"));
        assertThat(cancelled.phase()).isEqualTo(MovePhase.CANCELLED);
        assertThat(shard(0).replicas()).isEqualTo(before.replicas());

        Move m2 = start(follower, spare);
        step(m2, MoveStep.SNAPSHOT_TRANSFERRED);
        step(m2, MoveStep.WAL_SYNCED);
        step(m2, MoveStep.CUTOVER);
        assertThatThrownBy(() -> h.run(new CancelMove(m2.id(), null))).isInstanceOf(CorralException.class)
                .hasMessageContaining("cutover");
    }

    @Test
    void aTimedOutPhaseIsRetriedThenRolledBack() {
        Move m = start(follower, spare);
        h.clock.advance(LIMITS.stepTimeoutMs() + 1);
        Move retried = h.run(new ExpireMovePhase(m.id(), MovePhase.SNAPSHOT, 1, LIMITS));
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.phase()).isEqualTo(MovePhase.SNAPSHOT);
        assertThat(retried.error()).contains("timed out");
        assertThat(h.run(new ExpireMovePhase(m.id(), MovePhase.SNAPSHOT, 1, LIMITS)).attempt())
                .as("a stale verdict changes nothing").isEqualTo(2);
        h.run(new ExpireMovePhase(m.id(), MovePhase.SNAPSHOT, 2, LIMITS));
        Move failed = h.run(new ExpireMovePhase(m.id(), MovePhase.SNAPSHOT, 3, LIMITS));
        assertThat(failed.phase()).isEqualTo(MovePhase.FAILED);
        assertThat(failed.error()).contains("gave up after 3 attempts");
        assertThat(shard(0).replicas()).isEqualTo(before.replicas());
    }

    @Test
    void afterTheCutoverFailuresOnlyRetry() {
        Move m = start(follower, spare);
        step(m, MoveStep.SNAPSHOT_TRANSFERRED);
        step(m, MoveStep.WAL_SYNCED);
        step(m, MoveStep.CUTOVER);
        Move cur = h.image().moves().find(m.id()).orElseThrow();
        for (int attempt = 1; attempt <= 5; attempt++) {
            cur = h.run(new ExpireMovePhase(m.id(), MovePhase.CLEANUP, attempt, LIMITS));
        }
        assertThat(cur.phase()).isEqualTo(MovePhase.CLEANUP);
        assertThat(cur.attempt()).isEqualTo(6);
        assertThat(step(cur, MoveStep.CLEANED_UP).phase()).isEqualTo(MovePhase.DONE);
    }

    @Test
    void aReportedFailureCountsAsAnAttempt() {
        Move m = start(follower, spare);
        Move f = h.run(new ReportMoveStep(m.id(), MoveStep.FAIL, null, "disk full", LIMITS));
        assertThat(f.attempt()).isEqualTo(2);
        assertThat(f.error()).isEqualTo("disk full");
    }

    ReportMoveStep about(Move m, MoveStep step, MovePhase phase, int attempt) {
        return new ReportMoveStep(m.id(), step, MoveProgress.NONE, "late", new ReportMoveStep.PhaseAttempt(phase,
                attempt), LIMITS);
    }

    void assertStale(ReportMoveStep report) {
        Move before = h.image().moves().find(report.moveId()).orElseThrow();
        assertThatThrownBy(() -> h.run(report)).isInstanceOf(CorralException.class)
                .extracting(e -> ((CorralException) e).code()).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(h.image().moves().find(report.moveId()).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aFailureAboutAnAttemptThatIsOverIsRefusedAndChangesNothing() {
        Move m = start(follower, spare);
        Move retried = h.run(new ExpireMovePhase(m.id(), MovePhase.SNAPSHOT, 1, LIMITS));
        assertThat(retried.attempt()).isEqualTo(2);
        // The first attempt's participant reports its failure late: it must not fail the second attempt.
        assertStale(about(m, MoveStep.FAIL, MovePhase.SNAPSHOT, 1));
        assertStale(about(m, MoveStep.PROGRESS, MovePhase.SNAPSHOT, 1));
        // Nor a later phase that happens to be on the same attempt number.
        Move catchUp = h.run(about(m, MoveStep.SNAPSHOT_TRANSFERRED, MovePhase.SNAPSHOT, 2));
        assertThat(catchUp.phase()).isEqualTo(MovePhase.CATCH_UP);
        assertThat(catchUp.attempt()).isEqualTo(1);
        assertStale(about(m, MoveStep.FAIL, MovePhase.SNAPSHOT, 1));
        // A failure about the attempt under way counts, as before.
        Move failed = h.run(about(m, MoveStep.FAIL, MovePhase.CATCH_UP, 1));
        assertThat(failed.phase()).isEqualTo(MovePhase.CATCH_UP);
        assertThat(failed.attempt()).isEqualTo(2);
    }

    @Test
    void finishingAPhaseNeedsItsCurrentAttemptButRepeatingAFinishedOneChangesNothing() {
        Move m = start(follower, spare);
        h.run(new ExpireMovePhase(m.id(), MovePhase.SNAPSHOT, 1, LIMITS));
        assertStale(about(m, MoveStep.SNAPSHOT_TRANSFERRED, MovePhase.SNAPSHOT, 1));
        assertThat(h.image().moves().find(m.id()).orElseThrow().phase()).isEqualTo(MovePhase.SNAPSHOT);
        assertThat(h.run(about(m, MoveStep.SNAPSHOT_TRANSFERRED, MovePhase.SNAPSHOT, 2)).phase())
                .isEqualTo(MovePhase.CATCH_UP);
        Move again = h.run(about(m, MoveStep.SNAPSHOT_TRANSFERRED, MovePhase.SNAPSHOT, 1));
        assertThat(again.phase()).isEqualTo(MovePhase.CATCH_UP);
        assertThat(again).isEqualTo(h.image().moves().find(m.id()).orElseThrow());
    }

    @Test
    void startIsRefusedWhenItCannotBeDone() {
        start(follower, spare);
        assertThatThrownBy(() -> start(leader, spare)).isInstanceOf(CorralException.class)
                .extracting(e -> ((CorralException) e).code()).isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
        assertThatThrownBy(() -> h.run(new StartMove(Workspace.DEFAULT, "t", 1, null, shard(1).leader().nodeId(),
                "x", null, LIMITS))).hasMessageContaining("already holds");
        h.run(new SetNodeStatus(Workspace.DEFAULT, "d", Lifecycle.MAINTENANCE, "x"));
        long freeOfD = java.util.stream.LongStream.range(1, 4).filter(i -> replicaOn(shard(i), "d") == null)
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> h.run(new StartMove(Workspace.DEFAULT, "t", freeOfD, null, "d", "x", null, LIMITS)))
                .hasMessageContaining("only active nodes");
        assertThatThrownBy(() -> h.run(new StartMove(Workspace.DEFAULT, "t", 99, null, "a", "x", null, LIMITS)))
                .extracting(e -> ((CorralException) e).code()).isEqualTo(ErrorCode.SHARD_NOT_FOUND);
    }

    @Test
    void throttlesBoundMovesPerNodeAndPerCluster() {
        MoveLimits one = new MoveLimits(1, 2, 10_000, 3);
        for (String id : List.of("e", "f", "g", "h")) {
            h.register(id);
        }
        h.run(new StartMove(Workspace.DEFAULT, "t", 0, null, "e", "x", null, one));
        assertThatThrownBy(() -> h.run(new StartMove(Workspace.DEFAULT, "t", 1, null, "e", "x", null, one)))
                .extracting(e -> ((CorralException) e).code()).isEqualTo(ErrorCode.MOVE_LIMIT_REACHED);
        h.run(new StartMove(Workspace.DEFAULT, "t", 1, null, "f", "x", null, new MoveLimits(5, 2, 10_000, 3)));
        assertThatThrownBy(() -> h.run(new StartMove(Workspace.DEFAULT, "t", 2, null, "g", "x", null,
                new MoveLimits(5, 2, 10_000, 3)))).hasMessageContaining("limit 2");
    }

    @Test
    void everyStateSurvivesReplayAndSnapshots() throws Exception {
        Move m1 = start(follower, spare);
        Move m2 = h.run(new StartMove(Workspace.DEFAULT, "t", 1, null, otherThan(1), "x", null, LIMITS));
        step(m2, MoveStep.SNAPSHOT_TRANSFERRED);
        h.run(new ReportMoveStep(m1.id(), MoveStep.PROGRESS, new MoveProgress(1, 2, 3, 4, 5), null, LIMITS));
        Move m3 = h.run(new StartMove(Workspace.DEFAULT, "t", 3, null, otherThan(3), "x", null,
                new MoveLimits(4, 8, 10_000, 3)));
        h.run(new CancelMove(m3.id(), "x"));
        ClusterImage live = h.image();
        assertThat(h.log.replayFromScratch()).isEqualTo(live);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSnapshotCodec.write(live, out);
        ClusterImage back = ImageSnapshotCodec.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.moves()).isEqualTo(live.moves());
        assertThat(back).isEqualTo(live);
        assertThat(back.moves().find(m1.id()).orElseThrow().progress().bytesTotal()).isEqualTo(4);
    }

    private String otherThan(long shardId) {
        Shard s = shard(shardId);
        return List.of("a", "b", "c", "d").stream().filter(n -> replicaOn(s, n) == null).findFirst().orElseThrow();
    }
}
