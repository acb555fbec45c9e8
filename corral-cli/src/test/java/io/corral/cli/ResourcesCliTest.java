package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral resources …} against a real coordinator with four data nodes in two zones. */
class ResourcesCliTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Corral admin;

    @BeforeAll
    static void start() throws Exception {
        server = Corral.startShardServer(dir);
        admin = new Corral(server.url(), server.adminToken());
        admin.registerNodes("default", "d", 4);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> rowOf(Corral.Result listing, String id) {
        assertThat(listing.exit()).as(listing.toString()).isZero();
        return listing.rows().stream().filter(r -> r.get(0).equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + id + " in\n" + listing));
    }

    @Test
    void createListGetUpdateDelete() {
        var created = admin.run("resources", "create", "mydb.cpu", "--shard-key", "host,region", "--partitions", "8",
                "--replication", "2", "--time-slice", "24h", "--toleration", "dedicated=db:NoSchedule",
                "--toleration", "gpu", "--spread-zones", "true", "--min-active", "1");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).startsWith("ID ").contains("SHARD KEYS");
        assertThat(rowOf(created, "mydb.cpu")).containsExactly("mydb.cpu", "table", "partitioned", "8", "2",
                "host,region");

        assertThat(rowOf(admin.run("resources", "list"), "mydb.cpu")).containsExactly("mydb.cpu", "table",
                "partitioned", "8", "2", "host,region");

        var get = admin.run("resources", "get", "mydb.cpu");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).containsPattern("(?m)^replication_factor:\\s+2$")
                .containsPattern("(?m)^time_slice:\\s+24h$")
                .containsPattern("(?m)^tolerations:\\s+dedicated=db:NoSchedule,gpu$")
                .containsPattern("(?m)^min_active_replicas:\\s+1$");

        var updated = admin.run("resources", "update", "mydb.cpu", "--partitions", "12", "--clear", "time_slice",
                "--node-selector", "role=any");
        assertThat(updated.exit()).as(updated.toString()).isZero();
        assertThat(rowOf(updated, "mydb.cpu").get(3)).isEqualTo("12");
        JsonNode after = admin.run("resources", "get", "mydb.cpu", "-o", "json").json();
        assertThat(after.path("partitions").asInt()).isEqualTo(12);
        assertThat(after.path("time_slice").isNull()).as(after.toString()).isTrue();
        assertThat(after.path("node_selector").path("role").asText()).isEqualTo("any");
        assertThat(after.path("replication_factor").asInt()).as("unchanged").isEqualTo(2);
        assertThat(after.path("shard_keys")).hasSize(2);

        var deleted = admin.run("resources", "delete", "mydb.cpu");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).isEqualTo("resource mydb.cpu deleted\n");
        var gone = admin.run("resources", "get", "mydb.cpu");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).startsWith("error: RESOURCE_NOT_FOUND: ").contains("mydb.cpu");
    }

    @Test
    void jsonOutputIsTheApiData() {
        admin.run("resources", "create", "json.t", "--kind", "collection", "--routing", "rendezvous");

        var list = admin.run("resources", "list", "-o", "json");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.json().isArray()).isTrue();
        JsonNode resource = list.json().findParents("id").stream()
                .filter(r -> r.path("id").asText().equals("json.t")).findFirst().orElseThrow();
        assertThat(resource.path("kind").asText()).isEqualTo("collection");
        assertThat(resource.path("routing").asText()).isEqualTo("rendezvous");
        assertThat(resource.path("partitions").asInt()).as("server default").isEqualTo(1);
    }

    @Test
    void updateCanEmptyListsAndMaps() {
        admin.run("resources", "create", "clear.t", "--shard-key", "a", "--node-selector", "x=y");

        var cleared = admin.run("resources", "update", "clear.t", "--clear", "shard_keys,node_selector");

        assertThat(cleared.exit()).as(cleared.toString()).isZero();
        JsonNode r = admin.run("resources", "get", "clear.t", "-o", "json").json();
        assertThat(r.path("shard_keys")).isEmpty();
        assertThat(r.path("node_selector")).isEmpty();
    }

    @Test
    void invalidSettingsAreTheServersValidationError() {
        var zero = admin.run("resources", "create", "bad.t", "--partitions", "0");
        assertThat(zero.exit()).isEqualTo(1);
        assertThat(zero.out()).isEmpty();
        assertThat(zero.err()).startsWith("error: VALIDATION_FAILED: ").contains("partitions");

        var routing = admin.run("resources", "create", "bad.t", "--routing", "random");
        assertThat(routing.err()).startsWith("error: VALIDATION_FAILED: ").contains("routing");
        assertThat(admin.run("resources", "get", "bad.t").err()).startsWith("error: RESOURCE_NOT_FOUND: ");

        admin.run("resources", "create", "dup.t");
        var dup = admin.run("resources", "create", "dup.t");
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.err()).startsWith("error: RESOURCE_ALREADY_EXISTS: ");
    }

    @Test
    void unknownResourcesAreNotFound() {
        for (String[] args : new String[][] {{"resources", "get", "nope"}, {"resources", "delete", "nope"},
                {"resources", "update", "nope", "--partitions", "2"}, {"shardmap", "show", "--resource", "nope"}}) {
            var r = admin.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: RESOURCE_NOT_FOUND: ");
        }
    }

    @Test
    void usageErrorsAreExitTwo() {
        admin.run("resources", "create", "usage.t");

        var nothing = admin.run("resources", "update", "usage.t");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to update");
        var contradiction = admin.run("resources", "update", "usage.t", "--time-slice", "1h", "--clear", "time_slice");
        assertThat(contradiction.exit()).isEqualTo(2);
        assertThat(contradiction.err()).contains("time_slice");
        assertThat(admin.run("resources", "update", "usage.t", "--clear", "partitions").exit()).isEqualTo(2);
        assertThat(admin.run("resources", "create", "x.t", "--toleration", "=v:NoSchedule").exit()).isEqualTo(2);
        assertThat(admin.run("resources", "create", "x.t", "--toleration", "k:").exit()).isEqualTo(2);
        assertThat(admin.run("resources", "create", "x.t", "--partitions", "many").exit()).isEqualTo(2);
        assertThat(admin.run("resources", "create", "x.t", "--spread-zones", "maybe").exit()).isEqualTo(2);
        assertThat(admin.run("resources", "create").exit()).isEqualTo(2);
        assertThat(admin.run("resources", "get", "x.t").err()).startsWith("error: RESOURCE_NOT_FOUND: ");
    }
}
