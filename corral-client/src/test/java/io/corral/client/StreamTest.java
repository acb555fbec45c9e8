package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ShardMapApi#stream} and {@link EventsApi#stream} against a stub server that writes canned Server-Sent Event chunks, pausing
 * between them, and then ends the reply.
 */
class StreamTest {
    private static final String SNAPSHOT = "id: 5\nevent: snapshot\ndata: {\"workspace_id\":\"default\",\"version\":5}\n\n";
    private static final String CHANGE = ": keepalive\n\nid: 6\nevent: change\ndata: {\"version\":6,\n"
            + "data: \"resource_id\":\"t\"}\n\n";

    private HttpServer stub;
    private volatile int replyStatus = 200;
    private volatile List<String> replyChunks = List.of(SNAPSHOT, CHANGE);
    private volatile long pauseBetweenChunksMs;
    private volatile String lastEventIdHeader;
    private volatile String acceptHeader;
    private volatile String rawPath;
    private volatile String rawQuery;

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            rawPath = exchange.getRequestURI().getRawPath();
            rawQuery = exchange.getRequestURI().getRawQuery();
            lastEventIdHeader = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            acceptHeader = exchange.getRequestHeaders().getFirst("Accept");
            exchange.getResponseHeaders().add("Content-Type", replyStatus == 200 ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(replyStatus, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String chunk : replyChunks) {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(pauseBetweenChunksMs);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // the client closed the stream early, as listeners may
            }
            exchange.close();
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    private CorralClient client(long timeoutMs) {
        return CorralClient.builder().baseUrl("http://127.0.0.1:" + stub.getAddress().getPort()).token("t")
                .timeoutMs(timeoutMs).build();
    }

    @Test
    void handsEveryEventToTheListenerAndReturnsTheLastId() {
        List<MapEvent> events = new CopyOnWriteArrayList<>();

        String last = client(5_000).shardMap().stream("team a", null, events::add);

        assertThat(rawPath).isEqualTo("/api/v1/workspaces/team%20a/shardmap/stream");
        assertThat(acceptHeader).isEqualTo("text/event-stream");
        assertThat(lastEventIdHeader).isNull();
        assertThat(events).extracting(MapEvent::type).containsExactly("snapshot", "change");
        assertThat(events.get(0).version()).isEqualTo(5);
        assertThat(events.get(1).data().path("resource_id").asText()).isEqualTo("t");
        assertThat(last).isEqualTo("6");
    }

    @Test
    void resumesWithTheLastEventIdAndStopsWhenTheListenerSaysSo() {
        List<MapEvent> events = new CopyOnWriteArrayList<>();

        String last = client(5_000).shardMap().stream("default", "4", e -> {
            events.add(e);
            return false;
        });

        assertThat(lastEventIdHeader).isEqualTo("4");
        assertThat(events).hasSize(1);
        assertThat(last).isEqualTo("5");
    }

    @Test
    void theStreamOutlivesTheRequestTimeout() {
        pauseBetweenChunksMs = 1_500;
        List<MapEvent> events = new CopyOnWriteArrayList<>();

        client(500).shardMap().stream("default", null, events::add);

        assertThat(events).extracting(MapEvent::version).containsExactly(5L, 6L);
    }

    @Test
    void anErrorReplyIsAnApiException() {
        replyStatus = 404;
        replyChunks = List.of("{\"error\": {\"code\": \"WORKSPACE_NOT_FOUND\", \"message\": \"no such workspace\"}}");

        assertThatThrownBy(() -> client(5_000).shardMap().stream("nope", null, e -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("WORKSPACE_NOT_FOUND");
                });
    }

    @Test
    void anEventThatIsNotAMapEventIsAClientException() {
        replyChunks = List.of("id: five\ndata: {}\n\n");
        assertThatThrownBy(() -> client(5_000).shardMap().stream("default", null, e -> true))
                .isExactlyInstanceOf(CorralClientException.class).hasMessageContaining("'five'");

        replyChunks = List.of("id: 5\ndata: {not json\n\n");
        assertThatThrownBy(() -> client(5_000).shardMap().stream("default", null, e -> true))
                .isExactlyInstanceOf(CorralClientException.class).hasMessageContaining("not JSON");
    }

    @Test
    void eventsStreamSendsTheFiltersAndHandsOverEachEventsJson() {
        replyChunks = List.of(": corral events\n\n", "id: 41\nevent: node.registered\ndata: {\"seq\":41,\"node_id\":\"n 1\"}\n\n",
                "id: 42\nevent: node.updated\ndata: {\"seq\":42,\"count\":2}\n\n");
        List<com.fasterxml.jackson.databind.JsonNode> events = new CopyOnWriteArrayList<>();

        String last = client(5_000).events().stream("default",
                EventQuery.all().withType("Normal").withNodeId("n 1").withSince("1h").withLimit(5), "40", events::add);

        assertThat(rawPath).isEqualTo("/api/v1/workspaces/default/events/stream");
        assertThat(rawQuery).as("since and limit do not apply to a stream").isEqualTo("type=Normal&node_id=n%201");
        assertThat(lastEventIdHeader).isEqualTo("40");
        assertThat(events).extracting(e -> e.path("seq").asLong()).containsExactly(41L, 42L);
        assertThat(last).isEqualTo("42");
    }

    @Test
    void anEventsStreamEventThatIsNotJsonIsAClientException() {
        replyChunks = List.of("id: 7\nevent: node.registered\ndata: {oops\n\n");
        assertThatThrownBy(() -> client(5_000).events().stream("default", EventQuery.all(), null, e -> true))
                .isExactlyInstanceOf(CorralClientException.class).hasMessageContaining("event 7")
                .hasMessageContaining("not JSON");
    }
}
