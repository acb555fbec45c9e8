package io.corral.example.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.corral.agent.moves.ShardRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The node's data API (JDK HTTP server), mounted at {@code /kv/}:
 * <ul>
 *   <li>{@code PUT /kv/{resource}/{shard}/{key}} with the value as body, headers {@value #VERSION_HEADER}
 *       (the write's version) and {@value #MAP_VERSION_HEADER} (the resource map version the writer routed
 *       with): 204 when taken; 409 {@code {"error":"STALE_MAP","fence_version":N}} when the writer's map is
 *       older than the shard's fence; 409 {@code {"error":"NOT_HELD"}} when this node dropped the shard;</li>
 *   <li>{@code GET /kv/{resource}/{shard}/{key}}: 200 with the value and its version in
 *       {@value #VERSION_HEADER}, 404 when absent, 409 NOT_HELD;</li>
 *   <li>{@code GET /kv/{resource}/{shard}}: every entry, {@code {"entries":[{"key","value","version"}…]}}
 *       (for checkers); 409 NOT_HELD.</li>
 *   <li>{@code GET /kv}: keys per shard held here.</li>
 * </ul>
 * Path segments are percent-encoded. Bad requests get 400.
 */
public final class KvHttpApi implements HttpHandler {
    public static final String PATH = "/kv";
    public static final String VERSION_HEADER = "X-Kv-Version";
    public static final String MAP_VERSION_HEADER = "X-Kv-Map-Version";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_VALUE_BYTES = 1024 * 1024;
    private final KvStore store;

    public KvHttpApi(KvStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String[] seg = ex.getRequestURI().getRawPath().substring(PATH.length()).split("/", -1);
            // seg[0] is "" (the path continues with "/") or the whole rest is empty.
            int n = seg.length;
            String method = ex.getRequestMethod();
            if (n <= 1 && method.equals("GET")) {
                json(ex, 200, MAPPER.valueToTree(store.sizes()));
                return;
            }
            ShardRef shard;
            try {
                shard = new ShardRef(dec(seg[1]), Long.parseLong(seg[2]));
            } catch (RuntimeException e) {
                error(ex, 400, "BAD_PATH", "use /kv/{resource}/{shard}[/{key}]");
                return;
            }
            if (n == 3 && method.equals("GET")) {
                dump(ex, shard);
            } else if (n == 4 && method.equals("GET")) {
                read(ex, shard, dec(seg[3]));
            } else if (n == 4 && method.equals("PUT")) {
                write(ex, shard, dec(seg[3]));
            } else {
                error(ex, 404, "NOT_FOUND", "no such endpoint: " + method + " " + ex.getRequestURI().getPath());
            }
        }
    }

    private void write(HttpExchange ex, ShardRef shard, String key) throws IOException {
        long version;
        long mapVersion;
        try {
            version = Long.parseLong(ex.getRequestHeaders().getFirst(VERSION_HEADER));
            mapVersion = Long.parseLong(ex.getRequestHeaders().getFirst(MAP_VERSION_HEADER));
        } catch (RuntimeException e) {
            error(ex, 400, "BAD_HEADERS", VERSION_HEADER + " and " + MAP_VERSION_HEADER + " must be numbers");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_VALUE_BYTES + 1);
        }
        if (body.length > MAX_VALUE_BYTES) {
            error(ex, 413, "TOO_LARGE", "values are at most " + MAX_VALUE_BYTES + " bytes");
            return;
        }
        WriteOutcome o = store.partition(shard).write(new Entry(key, new String(body, StandardCharsets.UTF_8), version),
                mapVersion);
        switch (o.kind()) {
            case ACCEPTED -> ex.sendResponseHeaders(204, -1);
            case STALE_MAP -> {
                ObjectNode err = MAPPER.createObjectNode().put("error", "STALE_MAP").put("fence_version",
                        o.fenceVersion());
                json(ex, 409, err);
            }
            default -> error(ex, 409, "NOT_HELD", "shard " + shard + " is not held here");
        }
    }

    private void read(HttpExchange ex, ShardRef shard, String key) throws IOException {
        Partition p = store.existing(shard);
        Entry e;
        try {
            e = p == null ? null : p.read(key);
        } catch (IllegalStateException dropped) {
            error(ex, 409, "NOT_HELD", "shard " + shard + " is not held here");
            return;
        }
        if (e == null) {
            error(ex, 404, "NO_SUCH_KEY", "no key " + key);
            return;
        }
        byte[] b = e.value().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set(VERSION_HEADER, Long.toString(e.version()));
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
        ex.getResponseBody().write(b);
    }

    private void dump(HttpExchange ex, ShardRef shard) throws IOException {
        Partition p = store.existing(shard);
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode entries = body.putArray("entries");
        try {
            if (p != null) {
                for (Entry e : p.entries()) {
                    entries.addObject().put("key", e.key()).put("value", e.value()).put("version", e.version());
                }
            }
        } catch (IllegalStateException dropped) {
            error(ex, 409, "NOT_HELD", "shard " + shard + " is not held here");
            return;
        }
        json(ex, 200, body);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        json(ex, status, MAPPER.createObjectNode().put("error", code).put("message", message));
    }

    private static void json(HttpExchange ex, int status, com.fasterxml.jackson.databind.JsonNode body)
            throws IOException {
        byte[] b = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
