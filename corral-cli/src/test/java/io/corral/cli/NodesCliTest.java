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

/** {@code corral nodes …} against a real coordinator. */
class NodesCliTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Corral admin;

    @BeforeAll
    static void start() throws Exception {
        server = Corral.startServer(dir);
        admin = new Corral(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> rowOf(Corral.Result listing, String id) {
        return listing.rows().stream().filter(r -> r.get(0).equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + id + " in\n" + listing));
    }

    @Test
    void registerThenListShowsTheNode() {
        var registered = admin.run("nodes", "register", "--id", "web-1", "--role", "worker",
                "--url", "http://10.0.0.7:8080", "--label", "env=prod", "--zone", "z1");
        assertThat(registered.exit()).as(registered.toString()).isZero();
        assertThat(registered.token()).startsWith("crn_web-1.");
        assertThat(registered.err()).contains("warning").contains("only once");

        var list = admin.run("nodes", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("ID ").contains("LAST HEARTBEAT");
        assertThat(rowOf(list, "web-1"))
                .containsExactly("web-1", "web-1", "worker", "active", "z1", "http://10.0.0.7:8080", "-");
        assertThat(list.err()).isEmpty();
    }

    @Test
    void jsonOutputIsTheApiData() {
        admin.run("nodes", "register", "--id", "json-1", "--name", "Json One", "--role", "cache",
                "--label", "tier=hot", "--label", "team=db", "--region", "eu-west");

        var list = admin.run("nodes", "list", "-o", "json", "--search", "json-");
        assertThat(list.exit()).as(list.toString()).isZero();
        JsonNode nodes = list.json();
        assertThat(nodes.isArray()).isTrue();
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).path("name").asText()).isEqualTo("Json One");
        assertThat(nodes.get(0).path("labels").path("team").asText()).isEqualTo("db");

        var get = admin.run("nodes", "get", "json-1", "--output", "JSON");
        assertThat(get.json().path("region").asText()).isEqualTo("eu-west");
        assertThat(get.json().has("token")).isFalse();

        var registered = admin.run("nodes", "register", "--id", "json-2", "-o", "json");
        assertThat(registered.json().path("token").asText()).startsWith("crn_json-2.");
    }

    @Test
    void getShowsEveryFieldInTableFormat() {
        admin.run("nodes", "register", "--id", "detail-1", "--role", "worker", "--label", "env=qa", "--zone", "z9");

        var get = admin.run("nodes", "get", "detail-1");

        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).containsPattern("(?m)^id:\\s+detail-1$").containsPattern("(?m)^labels:\\s+env=qa$")
                .containsPattern("(?m)^zone:\\s+z9$").containsPattern("(?m)^status:\\s+active$");
    }

    @Test
    void maintenanceOnAndOff() {
        admin.run("nodes", "register", "--id", "db-1", "--role", "worker");

        var on = admin.run("nodes", "maintenance", "db-1", "on", "--reason", "kernel upgrade");
        assertThat(on.exit()).as(on.toString()).isZero();
        assertThat(rowOf(on, "db-1").get(3)).isEqualTo("maintenance");
        JsonNode node = admin.run("nodes", "get", "db-1", "-o", "json").json();
        assertThat(node.path("status").asText()).isEqualTo("maintenance");
        assertThat(node.path("status_reason").asText()).isEqualTo("kernel upgrade");
        assertThat(node.path("serving").asBoolean()).isFalse();
        assertThat(rowOf(admin.run("nodes", "list", "--status", "maintenance"), "db-1")).isNotEmpty();

        var off = admin.run("nodes", "maintenance", "db-1", "OFF");
        assertThat(off.exit()).as(off.toString()).isZero();
        assertThat(admin.run("nodes", "get", "db-1", "-o", "json").json().path("status").asText())
                .isEqualTo("active");
    }

    @Test
    void removeThenGetIsNodeNotFound() {
        admin.run("nodes", "register", "--id", "gone-1");

        var removed = admin.run("nodes", "remove", "gone-1", "--reason", "decommissioned");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.out()).isEqualTo("node gone-1 removed\n");

        var get = admin.run("nodes", "get", "gone-1");
        assertThat(get.exit()).isEqualTo(1);
        assertThat(get.out()).isEmpty();
        assertThat(get.err()).startsWith("error: NODE_NOT_FOUND: ").contains("gone-1");
    }

    @Test
    void listFiltersByLabelRoleStatusAndZoneAndPages() {
        admin.run("nodes", "register", "--id", "f-a", "--role", "proxy", "--label", "suite=filters", "--zone", "za");
        admin.run("nodes", "register", "--id", "f-b", "--role", "proxy", "--label", "suite=filters", "--zone", "zb");
        admin.run("nodes", "register", "--id", "f-c", "--role", "worker", "--label", "suite=filters", "--zone", "za");
        admin.run("nodes", "maintenance", "f-c", "on");

        assertThat(ids(admin.run("nodes", "list", "--label", "suite=filters"))).containsExactlyInAnyOrder(
                "f-a", "f-b", "f-c");
        assertThat(ids(admin.run("nodes", "list", "--label", "suite=filters", "--role", "proxy")))
                .containsExactlyInAnyOrder("f-a", "f-b");
        assertThat(ids(admin.run("nodes", "list", "--label", "suite=filters", "--zone", "za")))
                .containsExactlyInAnyOrder("f-a", "f-c");
        assertThat(ids(admin.run("nodes", "list", "--label", "suite=filters", "--status", "active,draining")))
                .containsExactlyInAnyOrder("f-a", "f-b");

        var page1 = admin.run("nodes", "list", "--label", "suite=filters", "--per-page", "2");
        var page2 = admin.run("nodes", "list", "--label", "suite=filters", "--per-page", "2", "--page", "2");
        assertThat(page1.rows()).hasSize(2);
        assertThat(page1.err()).contains("page 1 of 2").contains("3 nodes").contains("--page 2");
        assertThat(page2.rows()).hasSize(1);
        assertThat(page2.err()).isEmpty();
        assertThat(ids(page1)).doesNotContainAnyElementsOf(ids(page2));
    }

    @Test
    void nodesOfAnotherWorkspace() {
        assertThat(admin.run("workspaces", "create", "team-n").exit()).isZero();
        var registered = admin.run("nodes", "register", "-w", "team-n", "--id", "tn-1");
        assertThat(registered.exit()).as(registered.toString()).isZero();

        assertThat(ids(admin.run("nodes", "list", "--workspace", "team-n"))).containsExactly("tn-1");
        assertThat(admin.run("nodes", "get", "tn-1").err()).startsWith("error: NODE_NOT_FOUND: ");
    }

    @Test
    void aBadRequestIsExitOneWithTheServersCode() {
        var list = admin.run("nodes", "list", "--per-page", "500");
        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).startsWith("error: VALIDATION_FAILED: ").contains("per_page");

        var duplicate = admin.run("nodes", "register", "--id", "dup-1");
        assertThat(duplicate.exit()).isZero();
        var again = admin.run("nodes", "register", "--id", "dup-1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: NODE_ALREADY_EXISTS: ");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void usageErrorsAreExitTwo() {
        var badSwitch = admin.run("nodes", "maintenance", "db-x", "maybe");
        assertThat(badSwitch.exit()).isEqualTo(2);
        assertThat(badSwitch.err()).contains("maybe");

        assertThat(admin.run("nodes", "list", "--per-page", "many").exit()).isEqualTo(2);
        assertThat(admin.run("nodes", "list", "-o", "yaml").exit()).isEqualTo(2);
        assertThat(admin.run("nodes", "frobnicate").exit()).isEqualTo(2);
        assertThat(Corral.raw("nodes").exit()).isEqualTo(2);
    }

    private static List<String> ids(Corral.Result listing) {
        assertThat(listing.exit()).as(listing.toString()).isZero();
        return listing.rows().stream().map(r -> r.get(0)).toList();
    }
}
