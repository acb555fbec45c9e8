package io.corral.server.it;

import static io.corral.server.it.RawHttp.encodedFirst;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats served in front of the router answer byte for byte as the router's routes do. A path
 * with a percent-encoded character never takes the direct way, so each request is sent twice: as
 * is (direct) and with one character of the node id encoded (router); the answers must be equal
 * (timestamps aside).
 */
class DirectHeartbeatApiTest {
    private static final String NATIVE = "/api/v1/workspaces/%s/nodes/%s/heartbeat";
    private static final String BODY = "{\"metrics\":{\"cpu\":0.41,\"mem\":0.62,\"connections\":142}}";
    @TempDir
    static Path dir;
    static TestServer s;
    static String token;
    static String otherToken;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        token = register("default", "beat-1");
        otherToken = register("default", "beat-2");
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "team-a")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String register(String ws, String id) {
        var r = s.post("/api/v1/workspaces/" + ws + "/nodes", Map.of("id", id));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().at("/data/token").asText();
    }


    private static String normalized(RawHttp.Response r) {
        return r.statusLine() + "\n" + String.join("\n", r.headers()) + "\n"
                + r.body().replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "<time>");
    }

    /** Sends the request directly and through the router; asserts equal answers and returns the direct one. */
    private static RawHttp.Response bothWays(String template, String ws, String id, String tok, String body)
            throws Exception {
        RawHttp.Response direct = RawHttp.post(s.url(), "POST", String.format(template, ws, id), tok, body);
        RawHttp.Response routed = RawHttp.post(s.url(), "POST", String.format(template, ws, encodedFirst(id)), tok,
                body);
        assertThat(normalized(direct)).isEqualTo(normalized(routed));
        return direct;
    }

    @Test
    void aHeartbeatIsAnsweredAsTheRouterAnswersIt() throws Exception {
        RawHttp.Response r = bothWays(NATIVE, "default", "beat-1", token, BODY);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).matches("\\{\"data\":\\{\"status\":\"active\",\"status_set_by_node\":false,"
                + "\"status_changed_at_ms\":\\d{13},\"heartbeat_interval_ms\":1000}}");
        var node = s.get("/api/v1/workspaces/default/nodes/beat-1");
        assertThat(node.json().at("/data/heartbeat_metrics/connections").asInt()).isEqualTo(142);
        assertThat(node.json().at("/data/heartbeat_metrics/cpu").asDouble()).isEqualTo(0.41);
        assertThat(bothWays(NATIVE, "default", "beat-1", token, "").status()).isEqualTo(200);
        assertThat(bothWays(NATIVE, "default", "beat-1", s.adminToken(), "{}").status()).isEqualTo(200);
    }

    @Test
    void authenticationFailuresAreAnsweredAsTheRouterAnswersThem() throws Exception {
        RawHttp.Response none = bothWays(NATIVE, "default", "beat-1", null, BODY);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).contains("WWW-Authenticate: Bearer realm=\"corral\"");
        assertThat(none.body()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(bothWays(NATIVE, "default", "beat-1", token + "x", BODY).status()).isEqualTo(401);
        assertThat(bothWays(NATIVE, "default", "beat-1", "crn_beat-1.forged", BODY).status()).isEqualTo(401);
        RawHttp.Response other = bothWays(NATIVE, "default", "beat-1", otherToken, BODY);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains("\"code\":\"FORBIDDEN\"");
    }

    @Test
    void badInputIsAnsweredAsTheRouterAnswersIt() throws Exception {
        for (String body : new String[] {"{", "[1]", "5", "{\"metrics\":3}", "{\"status\":\"sleeping\"}",
            "{\"status\":7}", "{\"status_origin\":\"moon\"}", "{\"metrics\":{\"a\":1},\"status_origin\":[]}"}) {
            assertThat(bothWays(NATIVE, "default", "beat-1", token, body).status()).as(body).isEqualTo(400);
        }
        RawHttp.Response unknownWs = bothWays(NATIVE, "nowhere", "beat-1", s.adminToken(), BODY);
        assertThat(unknownWs.status()).isEqualTo(404);
        assertThat(bothWays(NATIVE, "team-a", "beat-1", s.adminToken(), BODY).status()).isEqualTo(404);
        assertThat(bothWays(NATIVE, "team-a", "beat-1", token, BODY).status()).isEqualTo(404);
        assertThat(bothWays(NATIVE, "default", "nobody", s.adminToken(), BODY).status()).isEqualTo(404);
    }

    @Test
    void seed001HeartbeatsAreAnsweredAsTheRouterAnswersThem() throws Exception {
        var reg = s.post("/api/cluster/register", Map.of("id", "ps-1", "url", "http://127.0.0.1:4402"));
        String psToken = reg.json().get("token").asText();
        String template = "/api/cluster/heartbeat/%2$s";
        RawHttp.Response ok = bothWays(template, "", "ps-1", psToken,
                "{\"status\":\"active\",\"metadata\":{\"load\":0.45}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).startsWith("{\"success\":true,\"acknowledged\":true,\"timestamp\":\"")
                .endsWith("\"heartbeatInterval\":1}");
        RawHttp.Response missing = bothWays(template, "", "nobody", s.adminToken(), "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("\"success\":false", "\"error\":\"Not Found\"");
        assertThat(bothWays(template, "", "ps-1", null, "{}").status()).isEqualTo(401);
        assertThat(bothWays(template, "", "ps-1", psToken, "{\"metadata\":[]}").status()).isEqualTo(400);
    }

    @Test
    void otherMethodsAndShapesStillGetTheRoutersAnswers() throws Exception {
        String path = String.format(NATIVE, "default", "beat-1");
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
            assertThat(RawHttp.post(s.url(), method, path, token, BODY).status()).as(method).isEqualTo(405);
        }
        RawHttp.Response trailing = RawHttp.post(s.url(), "POST", path + "/", token, BODY);
        RawHttp.Response trailingRouted = RawHttp.post(s.url(), "POST",
                String.format(NATIVE, "default", encodedFirst("beat-1")) + "/", token, BODY);
        assertThat(normalized(trailing)).isEqualTo(normalized(trailingRouted));
        assertThat(RawHttp.post(s.url(), "POST", path + "?x=1", token, BODY).status()).isEqualTo(200);
        assertThat(s.get("/api/v1/workspaces/default/nodes/beat-1").status()).isEqualTo(200);
        assertThat(s.get("/api/v1/workspaces/default/nodes/beat-1/status").json().at("/data/health").asText())
                .isEqualTo("healthy");
        assertThat(s.call("GET", "/healthz", null, null).status()).isEqualTo(200);
    }

    @Test
    void bodiesTheDirectWayDoesNotReadGoThroughTheRouterAndItsLimit() throws Exception {
        String path = String.format(NATIVE, "default", "beat-1");
        byte[] chunk = BODY.getBytes(StandardCharsets.UTF_8);
        byte[] chunked = (Integer.toHexString(chunk.length) + "\r\n" + BODY + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Response r = RawHttp.send(s.url(), "POST " + path + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                + "Authorization: Bearer " + token, chunked);
        assertThat(r.status()).isEqualTo(200);

        byte[] big = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        RawHttp.Response tooBig = RawHttp.send(s.url(), "POST " + path + " HTTP/1.1\r\nContent-Length: " + big.length
                + "\r\nAuthorization: Bearer " + token, big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");

        byte[] spaced = new byte[200_000];
        java.util.Arrays.fill(spaced, (byte) ' ');
        System.arraycopy(chunk, 0, spaced, 0, chunk.length);
        assertThat(RawHttp.send(s.url(), "POST " + path + " HTTP/1.1\r\nContent-Length: " + spaced.length
                + "\r\nAuthorization: Bearer " + token, spaced).status()).as("above the direct limit, below 1 MiB")
                .isEqualTo(200);
    }

    @Test
    void aRevokedKeyOrARemovedNodeIsRefusedAsSoonAsThatIsAcknowledged() throws Exception {
        var k = s.post("/api/v1/keys", Map.of("name", "beater", "role", "operator"));
        String keyToken = k.json().at("/data/token").asText();
        String keyId = k.json().at("/data/id").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-1"), keyToken, BODY)
                    .status()).isEqualTo(200);
        }
        assertThat(s.call("DELETE", "/api/v1/keys/" + keyId, null, s.adminToken()).status()).isEqualTo(204);
        assertThat(RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-1"), keyToken, BODY)
                .status()).isEqualTo(401);

        String goneToken = register("default", "beat-gone");
        assertThat(RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-gone"), goneToken, BODY)
                .status()).isEqualTo(200);
        assertThat(s.call("DELETE", "/api/v1/workspaces/default/nodes/beat-gone?force=true", null, s.adminToken())
                .status()).isEqualTo(204);
        assertThat(RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-gone"), goneToken, BODY)
                .status()).isEqualTo(401);

        // Registered again: a new token; the old one is refused at once.
        String again = register("default", "beat-gone");
        assertThat(RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-gone"), goneToken, BODY)
                .status()).isEqualTo(401);
        assertThat(RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-gone"), again, BODY)
                .status()).isEqualTo(200);
    }

    @Test
    void directHeartbeatsAreCountedUnderTheirRoute() throws Exception {
        RawHttp.post(s.url(), "POST", String.format(NATIVE, "default", "beat-2"), otherToken, BODY);
        String metrics = s.call("GET", "/metrics", null, s.adminToken()).raw();
        assertThat(metrics).containsPattern("corral_http_requests_seconds_count\\{method=\"POST\","
                + "route=\"/api/v1/workspaces/:ws/nodes/:id/heartbeat\",status=\"200\"} [1-9]");
    }
}
