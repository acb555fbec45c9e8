package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces, node updates, maintenance, paging and filters, and the 4xx of each. */
class WorkspacesAndNodesApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void workspaceLifecycle() {
        var created = s.post("/api/v1/workspaces", Map.of("id", "prod", "name", "Production", "region", "eu-west-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "prod")).status()).isEqualTo(409);
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "Bad_Name")).status()).isEqualTo(400);
        assertThat(s.post("/api/v1/workspaces", Map.of("name", "no id")).status()).isEqualTo(400);
        assertThat(s.get("/api/v1/workspaces/prod").json().at("/data/region").asText()).isEqualTo("eu-west-1");
        s.post("/api/v1/workspaces/prod/nodes", Map.of("id", "prod-1"));
        var notEmpty = s.call("DELETE", "/api/v1/workspaces/prod", null, s.adminToken());
        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.json().at("/error/code").asText()).isEqualTo("WORKSPACE_NOT_EMPTY");
        s.call("DELETE", "/api/v1/workspaces/prod/nodes/prod-1", null, s.adminToken());
        assertThat(s.call("DELETE", "/api/v1/workspaces/prod", null, s.adminToken()).status()).isEqualTo(204);
        assertThat(s.get("/api/v1/workspaces/prod").status()).isEqualTo(404);
        assertThat(s.call("DELETE", "/api/v1/workspaces/default", null, s.adminToken()).status()).isEqualTo(409);
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "p-1", "labels", Map.of("a", "1"), "zone", "z1",
                "metadata", Map.of("k", "v")));
        var patched = s.call("PATCH", "/api/v1/workspaces/default/nodes/p-1",
                Map.of("labels", Map.of("b", "2"), "taints", List.of(Map.of("key", "dedicated", "value", "db",
                        "effect", "NoSchedule"))), s.adminToken());
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.json().at("/data/labels").toString()).isEqualTo("{\"b\":\"2\"}");
        assertThat(patched.json().at("/data/taints/0/effect").asText()).isEqualTo("NoSchedule");
        assertThat(patched.json().at("/data/zone").asText()).isEqualTo("z1");
        assertThat(patched.json().at("/data/metadata/k").asText()).isEqualTo("v");
        assertThat(s.call("PATCH", "/api/v1/workspaces/default/nodes/p-1", Map.of("taints", List.of(Map.of("key",
                "x", "effect", "Sometimes"))), s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("PATCH", "/api/v1/workspaces/default/nodes/p-1", Map.of("labels", Map.of("bad key!", "x")),
                s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("PATCH", "/api/v1/workspaces/default/nodes/p-1", Map.of("capacity_weight", -1),
                s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("PATCH", "/api/v1/workspaces/default/nodes/missing", Map.of("zone", "z"), s.adminToken())
                .status()).isEqualTo(404);
    }

    @Test
    void maintenanceRoundTrip() {
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "m-1"));
        var on = s.call("PUT", "/api/v1/workspaces/default/nodes/m-1/maintenance",
                Map.of("enabled", true, "reason", "kernel upgrade"), s.adminToken());
        assertThat(on.json().at("/data/status").asText()).isEqualTo("maintenance");
        assertThat(on.json().at("/data/serving").asBoolean()).isFalse();
        assertThat(on.json().at("/data/status_reason").asText()).isEqualTo("kernel upgrade");
        var off = s.call("PUT", "/api/v1/workspaces/default/nodes/m-1/maintenance", Map.of("enabled", false),
                s.adminToken());
        assertThat(off.json().at("/data/status").asText()).isEqualTo("active");
        assertThat(s.call("PUT", "/api/v1/workspaces/default/nodes/m-1/maintenance", Map.of("reason", "x"),
                s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("PUT", "/api/v1/workspaces/default/nodes/m-1/maintenance", Map.of("enabled", "yes"),
                s.adminToken()).status()).isEqualTo(400);
    }

    @Test
    void pagingAndFilters() {
        for (int i = 0; i < 25; i++) {
            s.post("/api/v1/workspaces/default/nodes", Map.of("id", "pg-" + i, "role", i % 2 == 0 ? "cache" : "db",
                    "zone", "zone-" + (i % 3)));
        }
        var page2 = s.get("/api/v1/workspaces/default/nodes?search=pg-&per_page=10&page=2");
        assertThat(page2.json().at("/pagination/total").asInt()).isEqualTo(25);
        assertThat(page2.json().at("/pagination/pages").asInt()).isEqualTo(3);
        assertThat(page2.json().get("data").size()).isEqualTo(10);
        var caches = s.get("/api/v1/workspaces/default/nodes?search=pg-&role=cache&zone=zone-0&per_page=100");
        assertThat(caches.json().at("/data").findValuesAsText("id")).containsExactlyInAnyOrder("pg-0", "pg-6",
                "pg-12", "pg-18", "pg-24");
        assertThat(s.get("/api/v1/workspaces/default/nodes?status=active&search=pg-1").json()
                .at("/pagination/total").asInt()).isEqualTo(11);
        assertThat(s.get("/api/v1/workspaces/default/nodes?status=asleep").status()).isEqualTo(400);
        assertThat(s.get("/api/v1/workspaces/default/nodes?page=0").status()).isEqualTo(400);
        assertThat(s.get("/api/v1/workspaces/default/nodes?page=x").status()).isEqualTo(400);
        assertThat(s.get("/api/v1/workspaces/default/nodes?labels=novalue").status()).isEqualTo(400);
    }

    @Test
    void registrationConflictsAndAutoIds() {
        assertThat(s.post("/api/v1/workspaces/default/nodes", Map.of("id", "dup")).status()).isEqualTo(201);
        var dup = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "dup"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().at("/error/code").asText()).isEqualTo("NODE_ALREADY_EXISTS");
        var auto = s.post("/api/v1/workspaces/default/nodes", Map.of("role", "cache"));
        assertThat(auto.status()).isEqualTo(201);
        assertThat(auto.json().at("/data/id").asText()).isEqualTo("node-" + auto.json().at("/data/seq").asLong());
        assertThat(auto.json().at("/data/token").asText()).startsWith("crn_" + auto.json().at("/data/id").asText());
    }

    @Test
    void heartbeatBadInput() {
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "hb-1"));
        assertThat(s.post("/api/v1/workspaces/default/nodes/hb-1/heartbeat", Map.of("metrics", 3)).status())
                .isEqualTo(400);
        assertThat(s.post("/api/v1/workspaces/default/nodes/hb-1/heartbeat", "[1]").status()).isEqualTo(400);
        var ok = s.post("/api/v1/workspaces/default/nodes/hb-1/heartbeat", Map.of("metrics", Map.of("cpu", 0.5)));
        assertThat(ok.json().at("/data/heartbeat_interval_ms").asLong()).isEqualTo(1000);
        assertThat(s.post("/api/v1/workspaces/default/nodes/nobody/heartbeat", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() {
        var r = s.get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("NOT_FOUND");
        var m = s.call("PUT", "/api/v1/workspaces", Map.of(), s.adminToken());
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.json().at("/error/code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }
}
