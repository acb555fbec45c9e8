package io.corral.server.it;

import static io.corral.server.it.RawHttp.encodedFirst;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET …/shardmap} (plain, conditional and long-poll) served in front of the router answers byte
 * for byte as the router's route does. A path with a percent-encoded character never takes the direct
 * way, so each request is sent twice: as is (direct) and with the workspace's first character encoded
 * (router); the answers must be equal.
 */
class DirectShardMapApiTest {
    private static final String MAP = "/api/v1/workspaces/%s/shardmap";
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "team-a")).status()).isEqualTo(201);
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "w1", "zone", "a"));
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "w2", "zone", "b"));
        assertThat(s.post("/api/v1/workspaces/default/resources", Map.of("id", "direct.t", "partitions", 3))
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        s.close();
    }


    private static String normalized(RawHttp.Response r) {
        return r.statusLine() + "\n" + String.join("\n", r.headers()) + "\n"
                + r.body().replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "<time>");
    }

    private static RawHttp.Response get(String ws, String query, String token, String... headers) throws Exception {
        StringBuilder head = new StringBuilder("GET " + String.format(MAP, ws) + query + " HTTP/1.1");
        if (token != null) {
            head.append("\r\nAuthorization: Bearer ").append(token);
        }
        for (String h : headers) {
            head.append("\r\n").append(h);
        }
        return RawHttp.send(s.url(), head.toString(), null);
    }

    /** Sends the request directly and through the router; asserts equal answers and returns the direct one. */
    private static RawHttp.Response bothWays(String ws, String query, String token, String... headers)
            throws Exception {
        RawHttp.Response direct = get(ws, query, token, headers);
        RawHttp.Response routed = get(encodedFirst(ws), query, token, headers);
        assertThat(normalized(direct)).isEqualTo(normalized(routed));
        return direct;
    }

    private static long version() throws Exception {
        RawHttp.Response r = get("default", "", s.adminToken());
        String index = r.headers().stream().filter(h -> h.startsWith("X-Corral-Index: ")).findFirst().orElseThrow();
        return Long.parseLong(index.substring("X-Corral-Index: ".length()));
    }

    @Test
    void theMapAndItsConditionalGetAreAnsweredAsTheRouterAnswersThem() throws Exception {
        long v = version();
        RawHttp.Response map = bothWays("default", "", s.adminToken());
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.headers()).contains("ETag: \"" + v + "\"", "X-Corral-Index: " + v);
        assertThat(map.body()).contains("direct.t");
        assertThat(bothWays("default", "", s.adminToken(), "If-None-Match: \"" + v + "\"").status()).isEqualTo(304);
        assertThat(bothWays("default", "", s.adminToken(), "If-None-Match: W/\"" + v + "\"").status())
                .isEqualTo(304);
        assertThat(bothWays("default", "", s.adminToken(), "If-None-Match: \"" + (v + 1) + "\"").status())
                .isEqualTo(200);
        assertThat(bothWays("team-a", "", s.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void longPollsThatNeedNoWaitAreAnsweredAsTheRouterAnswersThem() throws Exception {
        long v = version();
        assertThat(bothWays("default", "?index=" + (v - 1), s.adminToken()).body()).contains("direct.t");
        assertThat(bothWays("default", "?index=" + v + "&wait=0s", s.adminToken()).status()).isEqualTo(200);
        assertThat(bothWays("default", "?index=" + v + "&wait=0s", s.adminToken(), "If-None-Match: \"" + v + "\"")
                .status()).isEqualTo(304);
        assertThat(bothWays("default", "?index=" + v + "&wait=50ms", s.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void aHeldLongPollIsAnsweredByTheNextChangeAsTheRouterAnswersIt() throws Exception {
        long v = version();
        CompletableFuture<RawHttp.Response> direct = CompletableFuture.supplyAsync(() -> quietly("default", v));
        CompletableFuture<RawHttp.Response> routed =
                CompletableFuture.supplyAsync(() -> quietly(encodedFirst("default"), v));
        // Both are held until the map changes; keep changing it until both have answered.
        int n = 0;
        while (!(direct.isDone() && routed.isDone()) && n < 50) {
            assertThat(s.post("/api/v1/workspaces/default/resources", Map.of("id", "held." + n++, "partitions", 1))
                    .status()).isEqualTo(201);
            CompletableFuture.anyOf(CompletableFuture.allOf(direct, routed))
                    .completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).get();
        }
        RawHttp.Response d = direct.get(30, TimeUnit.SECONDS);
        RawHttp.Response r = routed.get(30, TimeUnit.SECONDS);
        assertThat(d.status()).isEqualTo(200);
        assertThat(r.status()).isEqualTo(200);
        assertThat(d.body()).contains("held.0");
        assertThat(indexOf(d)).isGreaterThan(v);
        assertThat(indexOf(r)).isGreaterThan(v);
        if (indexOf(d) == indexOf(r)) {
            assertThat(normalized(d)).isEqualTo(normalized(r));
        }
    }

    private static long indexOf(RawHttp.Response r) {
        return r.headers().stream().filter(h -> h.startsWith("X-Corral-Index: "))
                .mapToLong(h -> Long.parseLong(h.substring("X-Corral-Index: ".length()))).findFirst().orElse(-1);
    }

    private static RawHttp.Response quietly(String ws, long index) {
        try {
            return get(ws, "?index=" + index + "&wait=20s", s.adminToken());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void authenticationFailuresAreAnsweredAsTheRouterAnswersThem() throws Exception {
        RawHttp.Response none = bothWays("default", "?index=1", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).contains("WWW-Authenticate: Bearer realm=\"corral\"");
        assertThat(none.body()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(bothWays("default", "", s.adminToken() + "x").status()).isEqualTo(401);
        var k = s.post("/api/v1/keys", Map.of("name", "team-a-viewer", "role", "viewer", "workspaces",
                List.of("team-a")));
        assertThat(k.status()).as(k.raw()).isEqualTo(201);
        String viewer = k.json().at("/data/token").asText();
        assertThat(bothWays("team-a", "", viewer).status()).isEqualTo(200);
        RawHttp.Response other = bothWays("default", "?index=1&wait=1s", viewer);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains("\"code\":\"FORBIDDEN\"");
    }

    @Test
    void badInputIsAnsweredAsTheRouterAnswersIt() throws Exception {
        assertThat(bothWays("nowhere", "", s.adminToken()).status()).isEqualTo(404);
        assertThat(bothWays("nowhere", "?index=1&wait=1s", s.adminToken()).status()).isEqualTo(404);
        for (String query : new String[] {"?index=abc", "?index=-1", "?index=", "?index=1&wait=11m",
            "?index=1&wait=soon", "?index=1&wait=-5s", "?index=99999999999999999999"}) {
            RawHttp.Response r = bothWays("default", query, s.adminToken());
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.body()).as(query).contains("\"code\":\"");
        }
    }

    @Test
    void otherMethodsAndShapesStillGetTheRoutersAnswers() throws Exception {
        String path = String.format(MAP, "default");
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            assertThat(RawHttp.post(s.url(), method, path, s.adminToken(), "{}").status()).as(method).isEqualTo(405);
        }
        RawHttp.Response trailing = get("default/", "", s.adminToken());
        RawHttp.Response trailingRouted = get(encodedFirst("default") + "/", "", s.adminToken());
        assertThat(normalized(trailing)).isEqualTo(normalized(trailingRouted));
    }

    @Test
    void directMapRequestsAreCountedUnderTheirRoute() throws Exception {
        get("default", "", s.adminToken());
        get("default", "?index=0", s.adminToken());
        String metrics = s.call("GET", "/metrics", null, s.adminToken()).raw();
        assertThat(metrics).containsPattern("corral_http_requests_seconds_count\\{method=\"GET\","
                + "route=\"/api/v1/workspaces/:ws/shardmap\",status=\"200\"} [1-9]");
    }
}
