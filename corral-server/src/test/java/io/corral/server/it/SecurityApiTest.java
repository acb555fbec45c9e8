package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.server.config.ServerConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys, roles, workspace scopes, node tokens and the audit trail. */
class SecurityApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "team-a")).status()).isEqualTo(201);
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "team-b")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String key(String name, String role, List<String> workspaces) {
        var r = s.post("/api/v1/keys", Map.of("name", name, "role", role, "workspaces", workspaces));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.json().at("/data/role").asText()).isEqualTo(role);
        return r.json().at("/data/token").asText();
    }

    @Test
    void adminTokenFileIsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.server().adminTokenPath())))
                .isEqualTo("rw-------");
        assertThat(s.call("GET", "/api/v1/whoami", null, s.adminToken()).json().at("/data/role").asText())
                .isEqualTo("admin");
    }

    @Test
    void rolesAreOrderedViewerOperatorAdmin() {
        String viewer = key("v", "viewer", List.of("*"));
        String operator = key("o", "operator", List.of("*"));
        var body = Map.of("id", "role-node");
        assertThat(s.call("GET", "/api/v1/workspaces/default/nodes", null, viewer).status()).isEqualTo(200);
        var denied = s.call("POST", "/api/v1/workspaces/default/nodes", body, viewer);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().at("/error/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(denied.json().at("/error/message").asText()).contains("operator");
        assertThat(s.call("POST", "/api/v1/workspaces/default/nodes", body, operator).status()).isEqualTo(201);
        assertThat(s.call("POST", "/api/v1/keys", Map.of("name", "x", "role", "viewer"), operator).status())
                .isEqualTo(403);
        assertThat(s.call("POST", "/api/v1/workspaces", Map.of("id", "nope"), operator).status()).isEqualTo(403);
    }

    @Test
    void workspaceScopeIsEnforced() {
        String teamA = key("a-op", "operator", List.of("team-a"));
        assertThat(s.call("POST", "/api/v1/workspaces/team-a/nodes", Map.of("id", "a-1"), teamA).status())
                .isEqualTo(201);
        var other = s.call("POST", "/api/v1/workspaces/team-b/nodes", Map.of("id", "b-1"), teamA);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().at("/error/details/workspace_id").asText()).isEqualTo("team-b");
        assertThat(s.call("GET", "/api/v1/workspaces", null, teamA).json().at("/data").findValuesAsText("id"))
                .containsExactly("team-a");
        // A node of team-a is not visible through another workspace's path.
        assertThat(s.get("/api/v1/workspaces/team-b/nodes/a-1").status()).isEqualTo(404);
    }

    @Test
    void revokedKeysStopWorkingAndTheLastAdminKeyStays() {
        var created = s.post("/api/v1/keys", Map.of("name", "temp", "role", "viewer"));
        String id = created.json().at("/data/id").asText();
        String token = created.json().at("/data/token").asText();
        assertThat(s.call("GET", "/api/v1/whoami", null, token).status()).isEqualTo(200);
        assertThat(s.call("DELETE", "/api/v1/keys/" + id, null, s.adminToken()).status()).isEqualTo(204);
        assertThat(s.call("GET", "/api/v1/whoami", null, token).status()).isEqualTo(401);
        assertThat(s.call("DELETE", "/api/v1/keys/" + id, null, s.adminToken()).status()).isEqualTo(404);

        String bootstrapId = s.adminToken().substring(4, s.adminToken().lastIndexOf('.'));
        var last = s.call("DELETE", "/api/v1/keys/" + bootstrapId, null, s.adminToken());
        assertThat(last.status()).isEqualTo(409);
        assertThat(s.get("/api/v1/keys").json().at("/data").findValuesAsText("id")).contains(bootstrapId);
        assertThat(s.get("/api/v1/keys").raw()).doesNotContain("token").doesNotContain("hash");
    }

    @Test
    void badKeyRequestsAre400() {
        assertThat(s.post("/api/v1/keys", Map.of("name", "x", "role", "root")).status()).isEqualTo(400);
        assertThat(s.post("/api/v1/keys", Map.of("role", "viewer")).status()).isEqualTo(400);
        var unknownWs = s.post("/api/v1/keys", Map.of("name", "x", "role", "viewer", "workspaces", List.of("zzz")));
        assertThat(unknownWs.status()).isEqualTo(404);
        assertThat(unknownWs.json().at("/error/code").asText()).isEqualTo("WORKSPACE_NOT_FOUND");
    }

    @Test
    void aNodeTokenActsOnlyForItsNode() {
        String token = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "self-1")).json().at("/data/token")
                .asText();
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "other-1"));
        assertThat(s.call("POST", "/api/v1/workspaces/default/nodes/self-1/heartbeat", Map.of(), token).status())
                .isEqualTo(200);
        assertThat(s.call("GET", "/api/v1/workspaces/default/nodes/self-1", null, token).status()).isEqualTo(200);
        assertThat(s.call("PUT", "/api/v1/workspaces/default/nodes/self-1/maintenance",
                Map.of("enabled", true, "reason", "self-check"), token).status()).isEqualTo(200);
        assertThat(s.call("POST", "/api/v1/workspaces/default/nodes/other-1/heartbeat", Map.of(), token).status())
                .isEqualTo(403);
        assertThat(s.call("GET", "/api/v1/workspaces/default/nodes", null, token).status()).isEqualTo(403);
        assertThat(s.call("DELETE", "/api/v1/workspaces/default/nodes/self-1", null, token).status()).isEqualTo(403);
    }

    @Test
    void aNodeTokenReadsAndWatchesItsOwnWorkspacesMapAndChangesNothing() throws Exception {
        String token = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "reader-1")).json().at("/data/token")
                .asText();
        assertThat(s.post("/api/v1/workspaces/default/resources", Map.of("id", "read.me", "partitions", 2)).status())
                .isEqualTo(201);
        var map = s.call("GET", "/api/v1/workspaces/default/shardmap", null, token);
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.json().at("/data/version").asLong()).isPositive();
        long version = map.json().at("/data/version").asLong();
        assertThat(s.call("GET", "/api/v1/workspaces/default/shardmap?index=" + (version - 1) + "&wait=5s", null,
                token).status()).as("a long-poll").isEqualTo(200);
        assertThat(s.call("GET", "/api/v1/workspaces/default/resources/read.me/map", null, token).status())
                .isEqualTo(200);
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(s.url() + "/api/v1/workspaces/default/shardmap/stream"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        }

        assertThat(s.call("GET", "/api/v1/workspaces/team-a/shardmap", null, token).status()).isEqualTo(403);
        assertThat(s.call("GET", "/api/v1/workspaces/team-a/shardmap/stream", null, token).status()).isEqualTo(403);
        assertThat(s.call("GET", "/api/v1/workspaces/default/resources", null, token).status()).isEqualTo(403);
        assertThat(s.call("POST", "/api/v1/workspaces/default/resources", Map.of("id", "nope.t", "partitions", 1),
                token).status()).isEqualTo(403);
        assertThat(s.call("POST", "/api/v1/workspaces/default/shardmap/apply", Map.of(), token).status())
                .isEqualTo(403);
        assertThat(s.get("/api/v1/workspaces/default/shardmap").json().at("/data/version").asLong())
                .isEqualTo(version);
    }

    @Test
    void everyMutationIsAnEventNamingItsCaller() {
        var k = s.post("/api/v1/keys", Map.of("name", "auditor", "role", "operator"));
        String keyId = k.json().at("/data/id").asText();
        String token = k.json().at("/data/token").asText();
        s.call("POST", "/api/v1/workspaces/default/nodes", Map.of("id", "audited"), token);
        s.call("PUT", "/api/v1/workspaces/default/nodes/audited/maintenance",
                Map.of("enabled", true, "reason", "disk swap"), token);
        var events = s.get("/api/v1/workspaces/default/nodes/audited/events").json().get("data");
        assertThat(events.findValuesAsText("actor")).containsOnly("key:" + keyId);
        assertThat(events.findValuesAsText("reason")).contains("node.registered", "node.status_changed");
        assertThat(events.get(0).get("message").asText()).contains("maintenance").contains("disk swap");
    }

    @Test
    void metricsNeedAKeyAndShowTheFleet() {
        assertThat(s.call("GET", "/metrics", null, null).status()).isEqualTo(401);
        var m = s.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.raw()).contains("corral_nodes{status=\"active\"}", "corral_heartbeats_received_total",
                "corral_log_commit_latency_seconds", "corral_http_requests_seconds_count", "jvm_memory_used_bytes",
                "process_cpu_usage");
    }

    @Test
    void insecureModeIsOnlyForLoopback() {
        assertThatThrownBy(() -> new ServerConfig("0.0.0.0", 4401, 0, dir, 1000, 3000, true, 1, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }
}
