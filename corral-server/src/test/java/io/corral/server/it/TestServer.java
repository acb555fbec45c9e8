package io.corral.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.CorralServer;
import io.corral.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real coordinator on a random loopback port with its own data directory, and a small HTTP client
 * for tests. Closing it stops the server (the data directory stays for restart tests).
 */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CorralServer server;
    private final String adminToken;

    /** A response: status, parsed JSON body (or null), and the raw body. */
    public record Response(int status, JsonNode json, String raw, java.net.http.HttpHeaders headers) {
    }

    private TestServer(CorralServer server) throws IOException {
        this.server = server;
        this.adminToken = Files.readString(server.adminTokenPath()).trim();
    }

    /**
     * A server whose nodes stay active for 10 minutes without heartbeats, so tests that are not about
     * failure detection do not depend on how fast the machine is.
     */
    public static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, 1_000, 600_000, false);
    }

    public static TestServer start(Path dataDir, long heartbeatIntervalMs, long nodeTimeoutMs, boolean insecure)
            throws Exception {
        ServerConfig c = new ServerConfig("127.0.0.1", 0, 0, dataDir, heartbeatIntervalMs, nodeTimeoutMs, insecure, 2,
                20_000);
        return start(c);
    }

    /** Starts a coordinator with any configuration, e.g. a small snapshot interval. */
    public static TestServer start(ServerConfig config) throws Exception {
        return new TestServer(CorralServer.start(config));
    }


    /** A loopback configuration on a random port with the given timings. */
    public static ServerConfig config(Path dataDir, long heartbeatIntervalMs, long nodeTimeoutMs,
                                      long replacementDelayMs) {
        return new ServerConfig("127.0.0.1", 0, 0, dataDir, heartbeatIntervalMs, nodeTimeoutMs, false, 2, 20_000,
                replacementDelayMs);
    }

    public CorralServer server() {
        return server;
    }

    public String url() {
        return server.url();
    }

    public String adminToken() {
        return adminToken;
    }

    public Response get(String path) {
        return call("GET", path, null, adminToken);
    }

    public Response post(String path, Object body) {
        return call("POST", path, body, adminToken);
    }

    public Response call(String method, String path, Object body, String token) {
        try {
            String text = body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.body() != null && !r.body().isEmpty()) {
                try {
                    json = MAPPER.readTree(r.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Response(r.statusCode(), json, r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
