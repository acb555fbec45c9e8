package io.corral.server.adapters.quiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.testing.FakeQuiverShard;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The copy and the drop against fake shards, with a page size of 7 so that every collection spans many
 * pages: exactly the moving keys move, a newer copy on the new owner is kept, schemas are carried over,
 * multivector collections stop the copy, and every request carries the shard key.
 */
class QuiverSliceMoverTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int PAGE = 7;
    Vertx vertx;
    List<FakeQuiverShard> donors = new ArrayList<>();
    FakeQuiverShard fresh;
    QuiverSliceMover mover;

    @BeforeEach
    void shards() throws Exception {
        vertx = Vertx.vertx();
        for (int i = 0; i < 2; i++) {
            FakeQuiverShard s = new FakeQuiverShard(vertx);
            s.createCollection("docs", 2, false);
            donors.add(s);
        }
        fresh = new FakeQuiverShard(vertx);
        mover = new QuiverSliceMover(new QuiverShardClient("k3y", 10_000), PAGE);
    }

    @AfterEach
    void close() throws Exception {
        donors.forEach(FakeQuiverShard::close);
        fresh.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    RingMigration grow() {
        return new RingMigration(1, "default", "quiver", RingMigration.Kind.GROW, 2, fresh.url(),
                List.of(new RingMember(0, donors.get(0).url()), new RingMember(1, donors.get(1).url())),
                RingMigrationPhase.COPYING, null, 0, 0, "t");
    }

    static ObjectNode point(String id, String version) {
        ObjectNode p = MAPPER.createObjectNode();
        p.putArray("vector").add(1.0).add(2.0);
        p.putObject("payload").put("version", version);
        return p;
    }

    /** Puts keys {@code k0..k<n-1>} (and one with URL-unsafe characters) on their owner among the donors. */
    Set<String> load(RingMigration m, int n) {
        Set<String> moving = new HashSet<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("k" + i);
        }
        keys.add("a/b c?d%e");
        for (String key : keys) {
            long ownerBefore = io.corral.client.routing.Rendezvous.route(key, new long[] {0, 1});
            donors.get((int) ownerBefore).put("docs", key, point(key, "old"));
            if (m.ownerOf(key) == 2) {
                moving.add(key);
            }
        }
        return moving;
    }

    @Test
    void theCopyMovesExactlyTheSliceAcrossManyPagesAndKeepsNewerCopies() throws Exception {
        RingMigration m = grow();
        Set<String> moving = load(m, 120);
        assertThat(moving).hasSizeGreaterThan(PAGE * 2);
        fresh.createCollection("docs", 2, false);
        String dualWritten = moving.iterator().next();
        fresh.put("docs", dualWritten, point(dualWritten, "newer"));

        mover.copy(m);

        assertThat(fresh.ids("docs")).containsExactlyInAnyOrderElementsOf(moving);
        assertThat(fresh.point("docs", dualWritten).at("/payload/version").asText()).as("get-if-absent")
                .isEqualTo("newer");
        for (String key : moving) {
            if (!key.equals(dualWritten)) {
                assertThat(fresh.point("docs", key).at("/payload/version").asText()).isEqualTo("old");
                assertThat(fresh.point("docs", key).get("vector").size()).isEqualTo(2);
            }
        }
        int donorKeys = donors.get(0).ids("docs").size() + donors.get(1).ids("docs").size();
        assertThat(donorKeys).as("the copy deletes nothing").isEqualTo(121);

        mover.copy(m);
        assertThat(fresh.ids("docs")).as("a second copy changes nothing").containsExactlyInAnyOrderElementsOf(moving);
        assertThat(fresh.coordinatorAuthorizations()).containsExactly("Bearer k3y");
        assertThat(donors.get(0).coordinatorAuthorizations()).containsExactly("Bearer k3y");
    }

    @Test
    void theCopyCreatesAMissingCollectionWithTheDonorsSchema() throws Exception {
        RingMigration m = grow();
        load(m, 30);
        mover.copy(m);
        var schema = MAPPER.readTree(new java.net.URL(fresh.url() + "/v1/collections/docs"));
        assertThat(schema.get("name").asText()).isEqualTo("docs");
        assertThat(schema.get("dim").asInt()).isEqualTo(2);
        assertThat(schema.get("metric").asText()).isEqualTo("cosine");
        assertThat(schema.get("index").asText()).isEqualTo("hnsw");
    }

    @Test
    void theDropDeletesTheSliceFromEveryDonorAndNothingElse() throws Exception {
        RingMigration m = grow();
        Set<String> moving = load(m, 120);
        mover.copy(m);
        mover.drop(m);
        for (int d = 0; d < 2; d++) {
            for (String key : donors.get(d).ids("docs")) {
                assertThat(m.ownerOf(key)).as("donor %d keeps %s", d, key).isEqualTo(d);
            }
        }
        int left = donors.get(0).ids("docs").size() + donors.get(1).ids("docs").size();
        assertThat(left).isEqualTo(121 - moving.size());
        assertThat(fresh.ids("docs")).containsExactlyInAnyOrderElementsOf(moving);
    }

    @Test
    void aMultivectorCollectionStopsTheCopyBeforeAnythingIsWritten() {
        donors.get(0).createCollection("colbert", 2, true);
        RingMigration m = grow();
        load(m, 30);
        assertThatThrownBy(() -> mover.copy(m)).isInstanceOf(IOException.class).hasMessageContaining("multivector")
                .hasMessageContaining("colbert");
        assertThat(fresh.hasCollection("docs")).isFalse();
        assertThat(fresh.coordinatorUpserts()).isZero();
    }

    @Test
    void aDrainCopiesEachKeyOfTheLeavingShardToItsNewOwner() throws Exception {
        FakeQuiverShard leaving = fresh;
        leaving.createCollection("docs", 2, false);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add("d" + i);
            leaving.put("docs", "d" + i, point("d" + i, "old"));
        }
        RingMigration m = new RingMigration(1, "default", "quiver", RingMigration.Kind.DRAIN, 2, leaving.url(),
                List.of(new RingMember(0, donors.get(0).url()), new RingMember(1, donors.get(1).url())),
                RingMigrationPhase.COPYING, null, 0, 0, "t");
        mover.copy(m);
        for (String key : keys) {
            assertThat(donors.get((int) m.ownerOf(key)).point("docs", key)).as(key).isNotNull();
            assertThat(donors.get(1 - (int) m.ownerOf(key)).point("docs", key)).as(key).isNull();
        }
        assertThat(leaving.ids("docs")).as("the leaving shard is not emptied").hasSize(60);
    }

    @Test
    void anUnreachableShardFailsTheStepNamingIt() {
        RingMigration m = new RingMigration(1, "default", "quiver", RingMigration.Kind.GROW, 2, fresh.url(),
                List.of(new RingMember(0, "http://127.0.0.1:1")), RingMigrationPhase.COPYING, null, 0, 0, "t");
        assertThatThrownBy(() -> mover.copy(m)).isInstanceOf(IOException.class)
                .hasMessageContaining("http://127.0.0.1:1/v1/collections").hasMessageContaining("unreachable");
    }
}
