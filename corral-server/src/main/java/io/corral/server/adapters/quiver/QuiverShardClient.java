package io.corral.server.adapters.quiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls a coordinator makes to a Quiver shard's data API ({@code /v1/collections/...}) during a
 * ring migration, with the configured shard API key as {@code Authorization: Bearer}. A non-2xx
 * answer (where success is required) or an unreachable shard is an {@link IOException} naming the
 * URL, the status and the body. Thread-safe; blocking.
 */
public final class QuiverShardClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http;
    private final String apiKey;
    private final Duration requestTimeout;

    public QuiverShardClient(String apiKey, long requestTimeoutMs) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.min(requestTimeoutMs, 10_000))).build();
        this.apiKey = apiKey;
        this.requestTimeout = Duration.ofMillis(requestTimeoutMs);
    }

    /** The shard's collection descriptions: the array {@code GET /v1/collections} returns. */
    public List<JsonNode> collections(String shardUrl) throws IOException, InterruptedException {
        JsonNode body = send("GET", shardUrl + "/v1/collections", null);
        List<JsonNode> out = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(out::add);
        }
        return out;
    }

    /** Whether {@code GET /v1/collections/{name}} succeeds. */
    public boolean hasCollection(String shardUrl, String name) throws InterruptedException {
        return succeeds(shardUrl + "/v1/collections/" + segment(name));
    }

    /** {@code POST /v1/collections} with a collection description. */
    public void createCollection(String shardUrl, JsonNode description) throws IOException, InterruptedException {
        send("POST", shardUrl + "/v1/collections", description);
    }

    /** One page of a collection's points, with payloads, and vectors when asked. */
    public List<JsonNode> fetch(String shardUrl, String collection, long offset, int limit, boolean withVector)
            throws IOException, InterruptedException {
        var body = MAPPER.createObjectNode().put("offset", offset).put("limit", limit).put("with_payload", true)
                .put("with_vector", withVector);
        JsonNode page = send("POST", collectionUrl(shardUrl, collection) + "/fetch", body).path("points");
        List<JsonNode> out = new ArrayList<>();
        page.forEach(out::add);
        return out;
    }

    /** Whether the shard holds the point ({@code GET .../points/{id}} succeeds). */
    public boolean hasPoint(String shardUrl, String collection, String id) throws InterruptedException {
        return succeeds(collectionUrl(shardUrl, collection) + "/points/" + segment(id));
    }

    /** {@code POST .../points {"points": [...]}}. */
    public void upsert(String shardUrl, String collection, List<JsonNode> points)
            throws IOException, InterruptedException {
        var body = MAPPER.createObjectNode();
        body.putArray("points").addAll(points);
        send("POST", collectionUrl(shardUrl, collection) + "/points", body);
    }

    /** {@code DELETE .../points {"ids": [...]}}. */
    public void delete(String shardUrl, String collection, List<String> ids) throws IOException, InterruptedException {
        var body = MAPPER.createObjectNode();
        var array = body.putArray("ids");
        ids.forEach(array::add);
        send("DELETE", collectionUrl(shardUrl, collection) + "/points", body);
    }

    private static String collectionUrl(String shardUrl, String collection) {
        return shardUrl + "/v1/collections/" + segment(collection);
    }

    /** A path segment: percent-encoded so that an id with {@code /}, spaces or {@code ?} stays one segment. */
    static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    /** A GET that counts as true only on a 2xx answer; an unreachable shard counts as false. */
    private boolean succeeds(String url) throws InterruptedException {
        try {
            HttpResponse<Void> r = http.send(request(url).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private JsonNode send(String method, String url, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(url);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("shard " + url + " unreachable: " + e, e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new IOException("shard " + url + " returned " + r.statusCode() + ": " + r.body());
        }
        if (r.body() == null || r.body().isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException notJson) {
            return NullNode.getInstance();
        }
    }
}
