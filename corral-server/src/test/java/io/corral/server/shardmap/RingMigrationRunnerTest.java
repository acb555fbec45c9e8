package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.rendezvous.AddRendezvousShard;
import io.corral.server.commands.rendezvous.DrainRingShard;
import io.corral.server.commands.rendezvous.GrowRing;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.it.Poll;
import io.corral.server.testing.ControllerHarness;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner drives migrations phase by phase, on a fake clock and a scripted mover. */
class RingMigrationRunnerTest {
    static final long GRACE_MS = 3_000;
    static final long WAIT_MS = 30_000;
    static final String WS = Workspace.DEFAULT;
    static final String RES = "quiver";

    /** A mover that records its calls and does what the test says. */
    static final class ScriptedMover implements SliceMover {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();
        volatile IOException copyFailure;
        volatile IOException dropFailure;
        volatile CountDownLatch copyHeld;
        final CountDownLatch copyEntered = new CountDownLatch(1);

        @Override
        public void copy(RingMigration m) throws IOException, InterruptedException {
            calls.add("copy " + m.id());
            copyEntered.countDown();
            CountDownLatch held = copyHeld;
            if (held != null) {
                held.await();
            }
            if (copyFailure != null) {
                throw copyFailure;
            }
        }

        @Override
        public void drop(RingMigration m) throws IOException {
            calls.add("drop " + m.id());
            if (dropFailure != null) {
                throw dropFailure;
            }
        }
    }

    ControllerHarness h;
    ScriptedMover mover;
    RingMigrationRunner runner;

    @BeforeEach
    void ring() {
        h = new ControllerHarness();
        h.run(new AddRendezvousShard(WS, RES, "http://s0", List.of(), false));
        h.run(new AddRendezvousShard(WS, RES, "http://s1", List.of(), false));
        mover = new ScriptedMover();
        runner = new RingMigrationRunner(h.controller, h.clock, GRACE_MS, mover);
    }

    @AfterEach
    void close() {
        runner.close();
        h.close();
    }

    RingMigration current(long id) {
        return h.image().ringMigrations().find(id).orElseThrow();
    }

    /** Ticks until the migration is in {@code phase}. */
    void tickUntil(long id, RingMigrationPhase phase) {
        Poll.until("migration " + id + " " + phase.wire(), WAIT_MS, () -> {
            runner.tick();
            return current(id).phase() == phase;
        });
    }

    /**
     * Ticks until the migration is in the grace {@code phase} and the runner has started timing it. The
     * image can show the phase before the runner has finished recording the step that led there; a tick
     * in that moment skips the migration, so one tick alone may not start the grace.
     */
    void startGrace(long id, RingMigrationPhase phase) {
        tickUntil(id, phase);
        Poll.until("the runner timing migration " + id + " in " + phase.wire(), WAIT_MS, () -> {
            runner.tick();
            return runner.graceStarted(id, phase);
        });
    }

    /** Ticks a few times and checks that the migration stays where it is. */
    void staysIn(long id, RingMigrationPhase phase) {
        for (int i = 0; i < 5; i++) {
            runner.tick();
            h.barrier();
        }
        assertThat(current(id).phase()).isEqualTo(phase);
    }

    @Test
    void aGrowWaitsAGraceCopiesFlipsWaitsAgainDropsAndIsDone() {
        long id = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration().id();
        runner.tick();
        h.clock.advance(GRACE_MS - 1);
        staysIn(id, RingMigrationPhase.GRACE_BEFORE);
        assertThat(mover.calls).isEmpty();
        h.clock.advance(1);
        startGrace(id, RingMigrationPhase.GRACE_AFTER);
        assertThat(mover.calls).containsExactly("copy " + id);
        assertThat(h.image().map(WS, RES).shards().get(2L).state()).isEqualTo(Shard.State.ACTIVE);

        h.clock.advance(GRACE_MS - 1);
        staysIn(id, RingMigrationPhase.GRACE_AFTER);
        assertThat(mover.calls).as("nothing is dropped before routers adopt the flip").hasSize(1);
        h.clock.advance(1);
        tickUntil(id, RingMigrationPhase.DONE);
        assertThat(mover.calls).containsExactly("copy " + id, "drop " + id);
    }

    @Test
    void aFailedCopyRevertsTheJoin() {
        mover.copyFailure = new IOException("shard http://s2 returned 500: boom");
        long id = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration().id();
        runner.tick();
        h.clock.advance(GRACE_MS);
        tickUntil(id, RingMigrationPhase.REVERTED);
        assertThat(current(id).error()).isEqualTo("shard http://s2 returned 500: boom");
        assertThat(h.image().map(WS, RES).shards()).containsOnlyKeys(0L, 1L);
    }

    @Test
    void aFailedDropLeavesTheFlipStandingAndFailsTheMigration() {
        mover.dropFailure = new IOException("donor down");
        long id = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration().id();
        runner.tick();
        h.clock.advance(GRACE_MS);
        startGrace(id, RingMigrationPhase.GRACE_AFTER);
        h.clock.advance(GRACE_MS);
        tickUntil(id, RingMigrationPhase.FAILED);
        assertThat(current(id).error()).isEqualTo("donor down");
        assertThat(h.image().map(WS, RES).shards().get(2L).state()).isEqualTo(Shard.State.ACTIVE);
    }

    @Test
    void aDrainEndsAfterTheSecondGraceWithoutDropping() {
        long id = h.run(new DrainRingShard(WS, RES, 1)).migration().id();
        runner.tick();
        h.clock.advance(GRACE_MS);
        startGrace(id, RingMigrationPhase.GRACE_AFTER);
        assertThat(h.image().map(WS, RES).shards()).containsOnlyKeys(0L);
        h.clock.advance(GRACE_MS);
        tickUntil(id, RingMigrationPhase.DONE);
        assertThat(mover.calls).containsExactly("copy " + id);
    }

    @Test
    void closingInTheMiddleOfACopyRecordsNothingAndTheNextRunnerCopiesAgain() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        mover.copyHeld = held;
        long id = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration().id();
        runner.tick();
        h.clock.advance(GRACE_MS);
        tickUntil(id, RingMigrationPhase.COPYING);
        Poll.until("the copy started", WAIT_MS, () -> {
            runner.tick();
            return mover.copyEntered.getCount() == 0;
        });
        runner.close();
        h.barrier();
        assertThat(current(id).phase()).as("an interrupted copy is neither a failure nor a success")
                .isEqualTo(RingMigrationPhase.COPYING);

        mover.copyHeld = null;
        runner = new RingMigrationRunner(h.controller, h.clock, GRACE_MS, mover);
        tickUntil(id, RingMigrationPhase.GRACE_AFTER);
        assertThat(mover.calls).as("the copy ran again from the start").containsExactly("copy " + id, "copy " + id);
    }

    @Test
    void aRestartedRunnerWaitsAWholeGraceAgain() {
        long id = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration().id();
        runner.tick();
        h.clock.advance(GRACE_MS - 1);
        staysIn(id, RingMigrationPhase.GRACE_BEFORE);
        runner.close();
        runner = new RingMigrationRunner(h.controller, h.clock, GRACE_MS, mover);
        runner.tick();
        h.clock.advance(GRACE_MS - 1);
        staysIn(id, RingMigrationPhase.GRACE_BEFORE);
        h.clock.advance(1);
        tickUntil(id, RingMigrationPhase.GRACE_AFTER);
    }
}
