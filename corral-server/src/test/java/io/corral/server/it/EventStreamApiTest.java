package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamApiTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** One received SSE message. */
    record Sse(String id, String event, JsonNode data) {
    }

    /** Opens the stream and reads messages until {@code count} arrived (or 15 s passed). */
    static List<Sse> read(String query, String lastEventId, int count, Runnable afterConnect) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/workspaces/default/events/stream"
                + query)).header("Authorization", "Bearer " + s.adminToken()).timeout(Duration.ofSeconds(15));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Sse> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            afterConnect.run();
            String id = null;
            String event = null;
            String line;
            while (out.size() < count && (line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    out.add(new Sse(id, event, new ObjectMapper().readTree(line.substring(6))));
                }
            }
        }
        return out;
    }

    @Test
    void streamsNewEventsMatchingTheFilter() throws Exception {
        List<Sse> got = read("?node_id=sse-1", null, 2, () -> {
            s.post("/api/v1/workspaces/default/nodes", Map.of("id", "sse-other"));
            s.post("/api/v1/workspaces/default/nodes", Map.of("id", "sse-1"));
            s.call("DELETE", "/api/v1/workspaces/default/nodes/sse-1", null, s.adminToken());
        });
        assertThat(got).extracting(Sse::event).containsExactly("node.registered", "node.deleted");
        assertThat(got.get(1).data().get("node_id").asText()).isEqualTo("sse-1");
        assertThat(Long.parseLong(got.get(1).id())).isGreaterThan(Long.parseLong(got.get(0).id()));

        // resuming after the first message replays what came after it
        List<Sse> resumed = read("?node_id=sse-1", got.get(0).id(), 1, () -> { });
        assertThat(resumed.get(0).event()).isEqualTo("node.deleted");
    }

    @Test
    void aBadResumePointIsA400() {
        var r = s.get("/api/v1/workspaces/default/events/stream?after=yesterday");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/details/field").asText()).isEqualTo("after");
        assertThat(s.call("GET", "/api/v1/workspaces/default/events/stream", null, null).status()).isEqualTo(401);
    }
}
