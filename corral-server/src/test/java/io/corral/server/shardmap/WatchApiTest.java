package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.it.TestServer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long-poll (Consul blocking-query semantics) and Server-Sent Events on the shard map. */
class WatchApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static TestServer s;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(TestServer.config(dir, 1_000, 600_000, 30_000));
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "w1", "zone", "a"));
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "w2", "zone", "b"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static long version() {
        return s.get("/api/v1/workspaces/default/shardmap").json().at("/data/version").asLong();
    }

    private static CompletableFuture<HttpResponse<String>> poll(String query) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/workspaces/default/shardmap?" + query))
                .header("Authorization", "Bearer " + s.adminToken()).timeout(Duration.ofSeconds(60)).build();
        return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLongPollReturnsWhenTheVersionPassesItsIndex() throws Exception {
        long v = version();
        var waiting = poll("index=" + v + "&wait=50s");
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        s.post("/api/v1/workspaces/default/resources", Map.of("id", "lp.t", "partitions", 2));
        HttpResponse<String> r = waiting.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        long index = Long.parseLong(r.headers().firstValue("X-Corral-Index").orElseThrow());
        assertThat(index).isGreaterThan(v);
        assertThat(JSON.readTree(r.body()).at("/data/version").asLong()).isEqualTo(index);
    }

    @Test
    void aLongPollWithoutChangeReturnsTheSameIndexAfterItsWait() throws Exception {
        long v = version();
        HttpResponse<String> r = poll("index=" + v + "&wait=300ms").get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Corral-Index").orElseThrow()).isEqualTo(Long.toString(v));
    }

    @Test
    void anIndexAheadOfTheServerReturnsAtOnceSoTheClientResets() throws Exception {
        long v = version();
        HttpResponse<String> r = poll("index=" + (v + 1000) + "&wait=50s").get(10, TimeUnit.SECONDS);
        assertThat(r.headers().firstValue("X-Corral-Index").orElseThrow()).isEqualTo(Long.toString(v));
    }

    @Test
    void badWatchParametersAre400() throws Exception {
        assertThat(poll("index=-1").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
        assertThat(poll("index=1&wait=forever").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
        assertThat(poll("index=1&wait=11m").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
    }

    @Test
    void aLongPollNeverAnswersBeforeItsWait() throws Exception {
        long v = version();
        long startNanos = System.nanoTime();
        HttpResponse<String> r = poll("index=" + v + "&wait=400ms").get(20, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(400);
        assertThat(r.headers().firstValue("X-Corral-Index").orElseThrow()).isEqualTo(Long.toString(v));
    }

    @Test
    void oneChangeReachesEveryWatcherWithTheSameCompleteBody() throws Exception {
        long v = version();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            polls.add(poll("index=" + v + "&wait=50s"));
        }
        List<SseReader> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                streams.add(new SseReader(null));
            }
            for (SseReader sse : streams) {
                assertThat(sse.waitFor(1)).hasSize(1);
            }
            Thread.sleep(200);
            s.post("/api/v1/workspaces/default/resources", Map.of("id", "fan.t", "partitions", 2));
            List<String> bodies = new ArrayList<>();
            for (var p : polls) {
                HttpResponse<String> r = p.get(20, TimeUnit.SECONDS);
                long index = Long.parseLong(r.headers().firstValue("X-Corral-Index").orElseThrow());
                assertThat(index).isGreaterThan(v);
                assertThat(JSON.readTree(r.body()).at("/data/version").asLong()).isEqualTo(index);
                bodies.add(r.body());
            }
            // Every watcher gets the whole shared rendering, not a consumed or partial buffer.
            assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
            assertThat(s.get("/api/v1/workspaces/default/shardmap").raw()).isEqualTo(bodies.get(0));
            List<String> changes = new ArrayList<>();
            for (SseReader sse : streams) {
                var events = sse.waitFor(2);
                assertThat(events).hasSize(2);
                assertThat(events.get(1)[1]).isEqualTo("change");
                changes.add(events.get(1)[2]);
            }
            assertThat(changes).allMatch(c -> c.equals(changes.get(0)));
            assertThat(JSON.readTree(changes.get(0)).get("resource_id").asText()).isEqualTo("fan.t");
        } finally {
            for (SseReader sse : streams) {
                sse.close();
            }
            s.call("DELETE", "/api/v1/workspaces/default/resources/fan.t", null, s.adminToken());
        }
    }

    @Test
    void aChangeInAnotherWorkspaceWakesNoWatcherOfThisOne() throws Exception {
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "watch-other")).status()).isEqualTo(201);
        long v = version();
        var waiting = poll("index=" + v + "&wait=50s");
        try (SseReader sse = new SseReader(null)) {
            assertThat(sse.waitFor(1)).hasSize(1);
            s.post("/api/v1/workspaces/watch-other/resources", Map.of("id", "other.t", "partitions", 2));
            Thread.sleep(500);
            assertThat(waiting).isNotDone();
            assertThat(sse.events).hasSize(1);
            s.post("/api/v1/workspaces/default/resources", Map.of("id", "here.t", "partitions", 2));
            long index = Long.parseLong(waiting.get(20, TimeUnit.SECONDS).headers().firstValue("X-Corral-Index")
                    .orElseThrow());
            assertThat(index).isGreaterThan(v);
            var events = sse.waitFor(2);
            assertThat(events).hasSize(2);
            assertThat(JSON.readTree(events.get(1)[2]).get("resource_id").asText()).isEqualTo("here.t");
        } finally {
            s.call("DELETE", "/api/v1/workspaces/default/resources/here.t", null, s.adminToken());
        }
    }

    /** Reads SSE events from a stream on a background thread. */
    private static final class SseReader implements AutoCloseable {
        final List<String[]> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final HttpResponse<java.io.InputStream> response;
        final Thread thread;

        SseReader(String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url()
                    + "/api/v1/workspaces/default/shardmap/stream")).header("Authorization", "Bearer " + s.adminToken());
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            thread = new Thread(this::read);
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String event = null;
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new String[] {id, event, line.substring(6)});
                    }
                }
            } catch (java.io.IOException closed) {
                // the test closed the stream
            }
        }

        List<String[]> waitFor(int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.size() < count && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            return new ArrayList<>(events);
        }

        @Override
        public void close() throws java.io.IOException {
            response.body().close();
        }
    }

    @Test
    void aResumedStreamWithNothingMissedAnswersAtOnce() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/workspaces/default/shardmap/stream"))
                .header("Authorization", "Bearer " + s.adminToken())
                .header("Last-Event-ID", Long.toString(s.server().controller().image().mapVersion()))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<java.io.InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        r.body().close();
    }

    @Test
    void theStreamStartsWithASnapshotThenSendsChangesAndResumes() throws Exception {
        long lastSeen;
        try (SseReader sse = new SseReader(null)) {
            assertThat(sse.response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            var first = sse.waitFor(1);
            assertThat(first.get(0)[1]).isEqualTo("snapshot");
            s.post("/api/v1/workspaces/default/resources", Map.of("id", "sse.t", "partitions", 3));
            var events = sse.waitFor(2);
            assertThat(events).hasSizeGreaterThanOrEqualTo(2);
            String[] change = events.get(1);
            assertThat(change[1]).isEqualTo("change");
            JsonNode data = JSON.readTree(change[2]);
            assertThat(data.get("resource_id").asText()).isEqualTo("sse.t");
            assertThat(data.get("changed_shards")).hasSize(3);
            assertThat(data.get("shards")).hasSize(3);
            assertThat(Long.parseLong(change[0])).isEqualTo(data.get("version").asLong());
            lastSeen = Long.parseLong(change[0]);
        }
        // Changes made while disconnected arrive on resume, in order, with no snapshot.
        s.call("PATCH", "/api/v1/workspaces/default/resources/sse.t", Map.of("partitions", 4), s.adminToken());
        s.call("DELETE", "/api/v1/workspaces/default/resources/sse.t", null, s.adminToken());
        try (SseReader resumed = new SseReader(Long.toString(lastSeen))) {
            var events = resumed.waitFor(2);
            assertThat(events).hasSize(2);
            assertThat(events).allMatch(e -> e[1].equals("change"));
            assertThat(Long.parseLong(events.get(0)[0])).isGreaterThan(lastSeen);
            assertThat(JSON.readTree(events.get(1)[2]).get("resource_deleted").asBoolean()).isTrue();
        }
    }
}
