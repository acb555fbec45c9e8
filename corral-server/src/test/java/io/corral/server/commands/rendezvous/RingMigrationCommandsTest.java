package io.corral.server.commands.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.client.routing.Rendezvous;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Event;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationBook;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands of ring migrations: start, phase steps with their map changes, and the refusals. */
class RingMigrationCommandsTest {
    static final String WS = Workspace.DEFAULT;
    static final String RES = "quiver";
    ControllerHarness h;

    @BeforeEach
    void ringOfTwo() {
        h = new ControllerHarness();
        h.run(new AddRendezvousShard(WS, RES, "http://s0", List.of(), false));
        h.run(new AddRendezvousShard(WS, RES, "http://s1", List.of(), false));
    }

    @AfterEach
    void close() {
        h.close();
    }

    Shard shard(long id) {
        return h.image().map(WS, RES).shards().get(id);
    }

    RingMigration advance(RingMigration m, RingMigrationPhase from, RingMigrationPhase to) {
        return h.run(new AdvanceRingMigration(m.id(), from, to, null));
    }

    static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
        } catch (CorralException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void growAddsAJoiningShardAndRecordsTheDonorsAsTheRing() {
        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2/", List.of("http://s2b"))).migration();
        assertThat(m.kind()).isEqualTo(RingMigration.Kind.GROW);
        assertThat(m.shardId()).isEqualTo(2);
        assertThat(m.shardUrl()).isEqualTo("http://s2");
        assertThat(m.phase()).isEqualTo(RingMigrationPhase.GRACE_BEFORE);
        assertThat(m.ring()).containsExactly(new RingMember(0, "http://s0"), new RingMember(1, "http://s1"));
        assertThat(shard(2).state()).isEqualTo(Shard.State.JOINING);
        assertThat(h.image().ringMigrations().find(m.id())).contains(m);
        for (String key : List.of("a", "user:42", "k", "x-19")) {
            assertThat(m.ownerOf(key)).isEqualTo(Rendezvous.route(key, new long[] {0, 1, 2}));
        }
    }

    @Test
    void theStartedReplyShowsTheImageTheMigrationStartsFrom() {
        StartedMigration grow = h.run(new GrowRing(WS, RES, "http://s2", List.of()));
        assertThat(grow.after().map(WS, RES)).isEqualTo(h.image().map(WS, RES));
        assertThat(grow.after().ringMigrations()).isEqualTo(h.image().ringMigrations());
        advance(grow.migration(), RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.REVERTED);
        h.run(new AddRendezvousShard(WS, RES, "http://s3", List.of(), false));
        StartedMigration drain = h.run(new DrainRingShard(WS, RES, 3));
        assertThat(drain.after().map(WS, RES)).isEqualTo(h.image().map(WS, RES));
        assertThat(drain.after().map(WS, RES).shards().get(3L).state()).isEqualTo(Shard.State.LEAVING);
    }

    @Test
    void aGrowGoesThroughItsPhasesAndTheFlipPromotes() {
        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        long version = h.image().map(WS, RES).version();
        m = advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.COPYING);
        assertThat(h.image().map(WS, RES).version()).as("no map change before the flip").isEqualTo(version);
        m = advance(m, RingMigrationPhase.COPYING, RingMigrationPhase.GRACE_AFTER);
        assertThat(shard(2).state()).isEqualTo(Shard.State.ACTIVE);
        assertThat(h.image().map(WS, RES).version()).isGreaterThan(version);
        m = advance(m, RingMigrationPhase.GRACE_AFTER, RingMigrationPhase.DROPPING);
        m = advance(m, RingMigrationPhase.DROPPING, RingMigrationPhase.DONE);
        assertThat(m.phase()).isEqualTo(RingMigrationPhase.DONE);
        assertThat(h.image().ringMigrations().activeOn(WS, RES)).isEmpty();
        assertThat(reasons()).contains("ring_migration.grace_before", "ring_migration.copying",
                "ring_migration.grace_after", "ring_migration.dropping", "ring_migration.done");
    }

    @Test
    void aRevertedGrowRemovesTheJoiningShardAndItsIdIsNeverReused() {
        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.COPYING);
        RingMigration reverted = h.run(new AdvanceRingMigration(m.id(), RingMigrationPhase.COPYING,
                RingMigrationPhase.REVERTED, "new shard returned 500"));
        assertThat(reverted.error()).isEqualTo("new shard returned 500");
        assertThat(shard(2)).isNull();
        Event warning = h.image().events().values().stream()
                .filter(e -> e.reason().equals("ring_migration.reverted")).findFirst().orElseThrow();
        assertThat(warning.type()).isEqualTo(Event.WARNING);
        assertThat(warning.message()).contains("new shard returned 500");

        RingMigration again = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        assertThat(again.shardId()).isEqualTo(3);
        assertThat(again.id()).isGreaterThan(m.id());
    }

    @Test
    void stepsFromAPhaseTheMigrationIsNotInOrOffTheGraphAreRefused() {
        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        assertThat(codeOf(() -> advance(m, RingMigrationPhase.COPYING, RingMigrationPhase.GRACE_AFTER)))
                .isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(codeOf(() -> advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.DONE)))
                .isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(codeOf(() -> h.run(new AdvanceRingMigration(99, RingMigrationPhase.GRACE_BEFORE,
                RingMigrationPhase.COPYING, null)))).isEqualTo(ErrorCode.NOT_FOUND);
        advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.COPYING);
        advance(m, RingMigrationPhase.COPYING, RingMigrationPhase.GRACE_AFTER);
        assertThat(codeOf(() -> advance(m, RingMigrationPhase.GRACE_AFTER, RingMigrationPhase.REVERTED)))
                .as("after the flip a grow is never reverted").isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(shard(2).state()).isEqualTo(Shard.State.ACTIVE);
    }

    @Test
    void whileAMigrationRunsTheRingCannotChange() {
        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        assertThat(codeOf(() -> h.run(new GrowRing(WS, RES, "http://s3", List.of())).migration()))
                .isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
        assertThat(codeOf(() -> h.run(new DrainRingShard(WS, RES, 0)).migration())).isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
        assertThat(codeOf(() -> h.run(new AddRendezvousShard(WS, RES, "http://s3", List.of(), false))))
                .isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
        assertThat(codeOf(() -> h.run(new PromoteRendezvousShard(WS, RES, 2)))).isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
        assertThat(codeOf(() -> h.run(new RemoveRendezvousShard(WS, RES, 2)))).isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
        assertThat(h.image().map(WS, RES).shards()).hasSize(3);
        advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.REVERTED);
        h.run(new AddRendezvousShard(WS, RES, "http://s3", List.of(), true));
        assertThat(codeOf(() -> h.run(new GrowRing(WS, RES, "http://s4", List.of())).migration()))
                .as("a shard joined by hand must be promoted or removed first").isEqualTo(ErrorCode.MOVE_IN_PROGRESS);
    }

    @Test
    void growNeedsAShardToCopyFrom() {
        assertThat(codeOf(() -> h.run(new GrowRing(WS, "elsewhere", "http://e1", List.of())).migration()))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> h.run(new GrowRing(WS, RES, "not a url", List.of())).migration()))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> h.run(new GrowRing(WS, RES, "http://s1", List.of())).migration()))
                .as("a URL that already serves a shard").isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(h.image().ringMigrations().migrations()).isEmpty();
    }

    @Test
    void aDrainMarksTheShardLeavingAndItsFlipRemovesIt() {
        h.run(new AddRendezvousShard(WS, RES, "http://s2", List.of(), false));
        RingMigration m = h.run(new DrainRingShard(WS, RES, 1)).migration();
        assertThat(m.kind()).isEqualTo(RingMigration.Kind.DRAIN);
        assertThat(m.shardUrl()).isEqualTo("http://s1");
        assertThat(m.ring()).extracting(RingMember::shardId).containsExactly(0L, 2L);
        assertThat(shard(1).state()).isEqualTo(Shard.State.LEAVING);
        for (String key : List.of("a", "user:42", "k", "x-19")) {
            assertThat(m.ownerOf(key)).isEqualTo(Rendezvous.route(key, new long[] {0, 2}));
        }
        advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.COPYING);
        advance(m, RingMigrationPhase.COPYING, RingMigrationPhase.GRACE_AFTER);
        assertThat(shard(1)).isNull();
        assertThat(codeOf(() -> advance(m, RingMigrationPhase.GRACE_AFTER, RingMigrationPhase.DROPPING)))
                .as("a drain has nothing to drop").isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(advance(m, RingMigrationPhase.GRACE_AFTER, RingMigrationPhase.DONE).phase())
                .isEqualTo(RingMigrationPhase.DONE);
    }

    @Test
    void aRevertedDrainMakesTheShardActiveAgain() {
        RingMigration m = h.run(new DrainRingShard(WS, RES, 0)).migration();
        advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.REVERTED);
        assertThat(shard(0).state()).isEqualTo(Shard.State.ACTIVE);
    }

    @Test
    void theLastActiveShardAndUnknownShardsCannotBeDrained() {
        h.run(new RemoveRendezvousShard(WS, RES, 1));
        assertThat(codeOf(() -> h.run(new DrainRingShard(WS, RES, 0)).migration())).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> h.run(new DrainRingShard(WS, RES, 7)).migration())).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(shard(0).state()).isEqualTo(Shard.State.ACTIVE);
    }

    @Test
    void aFlipWhoseShardLeftTheMapFailsTheMigration() {
        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.COPYING);
        h.run((img, ctx) -> io.corral.server.controller.Outcome.of(null, new io.corral.server.records.ShardsChanged(
                WS, RES, List.of(), List.of(2L), 3, "gone", ctx.nowMs(), ctx.actor())));
        RingMigration after = advance(m, RingMigrationPhase.COPYING, RingMigrationPhase.GRACE_AFTER);
        assertThat(after.phase()).isEqualTo(RingMigrationPhase.FAILED);
        assertThat(after.error()).contains("no longer in the map");
    }

    @Test
    void finishedMigrationsAreBoundedAndARecordForAFinishedOneChangesNothing() {
        RingMigrationBook book = RingMigrationBook.EMPTY;
        for (long id = 1; id <= RingMigrationBook.FINISHED_KEPT + 5; id++) {
            book = book.with(new RingMigration(id, WS, RES, RingMigration.Kind.GROW, id, "http://x", List.of(),
                    RingMigrationPhase.DONE, null, 0, 0, "a"));
        }
        assertThat(book.migrations()).hasSize(RingMigrationBook.FINISHED_KEPT);
        assertThat(book.find(1)).isEmpty();
        assertThat(book.nextId()).isEqualTo(RingMigrationBook.FINISHED_KEPT + 6);

        RingMigration m = h.run(new GrowRing(WS, RES, "http://s2", List.of())).migration();
        RingMigration done = advance(m, RingMigrationPhase.GRACE_BEFORE, RingMigrationPhase.REVERTED);
        ClusterImage before = h.image();
        h.run((img, ctx) -> io.corral.server.controller.Outcome.of(null,
                new io.corral.server.records.RingMigrationRecorded(m, ctx.nowMs(), ctx.actor())));
        assertThat(h.image().ringMigrations()).isEqualTo(before.ringMigrations());
        assertThat(h.image().ringMigrations().find(m.id())).contains(done);
    }

    List<String> reasons() {
        return h.image().events().values().stream().map(Event::reason).toList();
    }
}
