package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesApiTest {
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
    void registerGetListAndRemoveANode() {
        var created = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "web-1", "role", "worker",
                "url", "http://127.0.0.1:9001", "labels", Map.of("env", "prod"), "zone", "z1"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().at("/data/id").asText()).isEqualTo("web-1");
        assertThat(created.json().at("/data/status").asText()).isEqualTo("active");
        assertThat(created.json().at("/data/token").asText()).startsWith("crn_web-1.");

        var got = s.get("/api/v1/workspaces/default/nodes/web-1");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().at("/data/labels/env").asText()).isEqualTo("prod");
        assertThat(got.json().at("/data/token").isMissingNode()).isTrue();

        var list = s.get("/api/v1/workspaces/default/nodes?labels=env=prod");
        assertThat(list.json().at("/pagination/total").asInt()).isEqualTo(1);

        var removed = s.call("DELETE", "/api/v1/workspaces/default/nodes/web-1", null, s.adminToken());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(s.get("/api/v1/workspaces/default/nodes/web-1").status()).isEqualTo(404);
    }

    @Test
    void coordinatorListsItself() {
        var list = s.get("/api/v1/workspaces/default/nodes?role=coordinator");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/data/0/id").asText()).isEqualTo(s.server().selfId());
    }

    @Test
    void badInputIsA4xxNamingTheProblemAndChangesNothing() {
        long before = s.server().controller().image().appliedIndex();
        var malformed = s.post("/api/v1/workspaces/default/nodes", "{\"id\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/error/code").asText()).isEqualTo("INVALID_JSON");

        var wrongType = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "x1", "labels", List.of("a")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/error/message").asText()).contains("labels");

        var badId = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "no spaces please"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().at("/error/details/field").asText()).isEqualTo("id");

        var tooBig = s.post("/api/v1/workspaces/default/nodes", "{\"id\":\"big\",\"metadata\":{\"x\":\""
                + "a".repeat(1 << 20) + "\"}}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        var page = s.get("/api/v1/workspaces/default/nodes?per_page=101");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.json().at("/error/message").asText()).contains("per_page");

        assertThat(s.get("/api/v1/workspaces/nope/nodes").json().at("/error/code").asText())
                .isEqualTo("WORKSPACE_NOT_FOUND");
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(before);
    }

    @Test
    void requestsWithoutAValidKeyAre401() {
        var none = s.call("GET", "/api/v1/workspaces/default/nodes", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        var wrong = s.call("GET", "/api/v1/workspaces/default/nodes", null, "crl_kdeadbeef.nope");
        assertThat(wrong.status()).isEqualTo(401);
    }
}
