package io.corral.server.it;

import static io.corral.server.it.RawHttp.encodedFirst;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot writes served in front of the router (node registration, maintenance on/off) answer as the
 * router's routes do, and commit the same change. A path with a percent-encoded character never takes
 * the direct way, so each request is sent twice, as is (direct) and with one character of a path
 * parameter encoded (router), on two fresh nodes or workspaces so both requests do the same; the
 * answers must be equal apart from timestamps, tokens, and the ids and sequence numbers that differ by
 * construction.
 */
class DirectWriteApiTest {
    private static final String NODES = "/api/v1/workspaces/%s/nodes";
    private static final String MAINTENANCE = "/api/v1/workspaces/%s/nodes/%s/maintenance";
    @TempDir
    static Path dir;
    static TestServer s;
    static String viewerToken;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        viewerToken = s.post("/api/v1/keys", Map.of("name", "viewer", "role", "viewer")).json().at("/data/token")
                .asText();
    }

    @AfterAll
    static void stop() {
        s.close();
    }


    private static String normalized(RawHttp.Response r, String... differing) {
        String body = r.body().replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "<time>")
                .replaceAll("\"token\":\"[^\"]+\"", "\"token\":\"<token>\"")
                .replaceAll("\"seq\":\\d+", "\"seq\":<n>");
        for (String d : differing) {
            body = body.replace(d, "<id>");
        }
        return r.statusLine() + "\n" + String.join("\n", r.headers()) + "\n" + body;
    }

    private static RawHttp.Response register(String ws, String token, String body) throws Exception {
        return RawHttp.post(s.url(), "POST", String.format(NODES, ws), token, body);
    }

    private static RawHttp.Response maintenance(String ws, String id, String token, String body) throws Exception {
        return RawHttp.post(s.url(), "PUT", String.format(MAINTENANCE, ws, id), token, body);
    }

    private static void registered(String id) {
        assertThat(s.post("/api/v1/workspaces/default/nodes", Map.of("id", id)).status()).isEqualTo(201);
    }

    @Test
    void aRegistrationIsAnsweredAndCommittedAsTheRouterDoesIt() throws Exception {
        String body = "{\"id\":\"%s\",\"zone\":\"z1\",\"labels\":{\"tier\":\"hot\"},\"capacity_weight\":2}";
        RawHttp.Response direct = register("default", s.adminToken(), String.format(body, "reg-a"));
        RawHttp.Response routed = register(encodedFirst("default"), s.adminToken(), String.format(body, "reg-b"));
        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        assertThat(normalized(direct, "reg-a")).isEqualTo(normalized(routed, "reg-b"));
        assertThat(direct.body()).contains("\"token\":\"");
        var node = s.get("/api/v1/workspaces/default/nodes/reg-a");
        assertThat(node.status()).isEqualTo(200);
        assertThat(node.json().at("/data/zone").asText()).isEqualTo("z1");
        assertThat(node.json().at("/data/labels/tier").asText()).isEqualTo("hot");

        RawHttp.Response again = register("default", s.adminToken(), String.format(body, "reg-a"));
        RawHttp.Response againRouted = register(encodedFirst("default"), s.adminToken(), String.format(body, "reg-a"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(normalized(again)).isEqualTo(normalized(againRouted));
    }

    @Test
    void maintenanceIsAnsweredAndCommittedAsTheRouterDoesIt() throws Exception {
        registered("mt-a");
        registered("mt-b");
        String on = "{\"enabled\":true,\"reason\":\"kernel upgrade\"}";
        RawHttp.Response direct = maintenance("default", "mt-a", s.adminToken(), on);
        RawHttp.Response routed = maintenance("default", encodedFirst("mt-b"), s.adminToken(), on);
        assertThat(direct.status()).as(direct.body()).isEqualTo(200);
        assertThat(normalized(direct, "mt-a")).isEqualTo(normalized(routed, "mt-b"));
        assertThat(s.get("/api/v1/workspaces/default/nodes/mt-a").json().at("/data/status").asText())
                .isEqualTo("maintenance");

        String off = "{\"enabled\":false}";
        assertThat(normalized(maintenance("default", "mt-a", s.adminToken(), off), "mt-a"))
                .isEqualTo(normalized(maintenance("default", encodedFirst("mt-b"), s.adminToken(), off), "mt-b"));
        assertThat(s.get("/api/v1/workspaces/default/nodes/mt-a").json().at("/data/status").asText())
                .isEqualTo("active");
    }

    @Test
    void failuresAreAnsweredAsTheRouterAnswersThemAndChangeNothing() throws Exception {
        registered("bad-a");
        for (String body : new String[] {"", "{", "[1]", "{\"enabled\":\"yes\"}", "{\"reason\":\"no flag\"}"}) {
            RawHttp.Response direct = maintenance("default", "bad-a", s.adminToken(), body);
            assertThat(direct.status()).as(body).isEqualTo(400);
            assertThat(normalized(direct))
                    .isEqualTo(normalized(maintenance("default", encodedFirst("bad-a"), s.adminToken(), body)));
        }
        for (String body : new String[] {"", "{", "{\"id\":\"has space\"}", "{\"id\":\"x\",\"capacity_weight\":\"2\"}",
            "{\"id\":\"x\",\"status\":\"sleeping\"}"}) {
            RawHttp.Response direct = register("default", s.adminToken(), body);
            assertThat(direct.status()).as(body).isEqualTo(400);
            assertThat(normalized(direct))
                    .isEqualTo(normalized(register(encodedFirst("default"), s.adminToken(), body)));
        }
        RawHttp.Response unknown = maintenance("default", "nobody", s.adminToken(), "{\"enabled\":true}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(normalized(unknown))
                .isEqualTo(normalized(maintenance("default", encodedFirst("nobody"), s.adminToken(),
                        "{\"enabled\":true}")));
        RawHttp.Response noWorkspace = register("nowhere", s.adminToken(), "{\"id\":\"x\"}");
        assertThat(noWorkspace.status()).isEqualTo(404);
        assertThat(normalized(noWorkspace))
                .isEqualTo(normalized(register(encodedFirst("nowhere"), s.adminToken(), "{\"id\":\"x\"}")));

        RawHttp.Response anonymous = register("default", null, "{\"id\":\"anon\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers()).contains("WWW-Authenticate: Bearer realm=\"corral\"");
        assertThat(normalized(anonymous))
                .isEqualTo(normalized(register(encodedFirst("default"), null, "{\"id\":\"anon\"}")));
        RawHttp.Response viewer = maintenance("default", "bad-a", viewerToken, "{\"enabled\":true}");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(normalized(viewer))
                .isEqualTo(normalized(maintenance("default", encodedFirst("bad-a"), viewerToken,
                        "{\"enabled\":true}")));

        assertThat(s.get("/api/v1/workspaces/default/nodes/anon").status()).isEqualTo(404);
        assertThat(s.get("/api/v1/workspaces/default/nodes/x").status()).isEqualTo(404);
        assertThat(s.get("/api/v1/workspaces/default/nodes/bad-a").json().at("/data/status").asText())
                .isEqualTo("active");
    }

    @Test
    void directWritesAreCountedUnderTheirRoute() throws Exception {
        registered("count-a");
        assertThat(maintenance("default", "count-a", s.adminToken(), "{\"enabled\":true}").status()).isEqualTo(200);
        String metrics = s.call("GET", "/metrics", null, s.adminToken()).raw();
        assertThat(metrics).containsPattern("corral_http_requests_seconds_count\\{method=\"PUT\","
                + "route=\"/api/v1/workspaces/:ws/nodes/:id/maintenance\",status=\"200\"} [1-9]");
        assertThat(metrics).containsPattern("corral_http_requests_seconds_count\\{method=\"POST\","
                + "route=\"/api/v1/workspaces/:ws/nodes\",status=\"201\"} [1-9]");
    }
}
