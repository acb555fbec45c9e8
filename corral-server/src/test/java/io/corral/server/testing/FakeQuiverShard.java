package io.corral.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Quiver shard's data API in memory, on a loopback port (Vert.x, so small answers are not held back by
 * Nagle's algorithm; requests are handled on a thread pool, so one held at the gate blocks nothing else): {@code /healthz}, {@code GET/POST /v1/collections},
 * {@code GET /v1/collections/{c}}, {@code POST .../fetch} (offset and limit over insertion order),
 * {@code GET .../points/{id}}, {@code POST .../points} (upsert) and {@code DELETE .../points}.
 *
 * <p>Requests carrying {@link #ROUTER_HEADER} come from a test router; every other request is the
 * coordinator's, whose {@code Authorization} headers are recorded. For tests it can:
 * <ul>
 *   <li>enforce a router's map lease: a router write whose map was observed (at {@link #OBSERVED_HEADER},
 *   {@link System#nanoTime()}) longer than the lease ago is refused with 409 at the moment it would be
 *   applied, so a write is only ever applied within the lease of reading a current map;</li>
 *   <li>hold the coordinator's point writes at a gate until the test opens it;</li>
 *   <li>fail the coordinator's point writes with 500 after a number of them.</li>
 * </ul>
 */
public final class FakeQuiverShard implements AutoCloseable {
    public static final String ROUTER_HEADER = "X-Test-Router";
    public static final String OBSERVED_HEADER = "X-Test-Map-Observed-Nanos";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Collection(ObjectNode schema, LinkedHashMap<String, ObjectNode> points) {
    }

    /** An answer: status and JSON body. */
    private record Reply(int status, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-quiver-shard");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final Map<String, Collection> collections = new LinkedHashMap<>();
    private final Set<String> coordinatorAuth = new LinkedHashSet<>();
    private final AtomicInteger coordinatorRequests = new AtomicInteger();
    private final AtomicInteger coordinatorUpserts = new AtomicInteger();
    private final CountDownLatch upsertAtGate = new CountDownLatch(1);
    private volatile long leaseNanos = Long.MAX_VALUE;
    private volatile int failUpsertsAfter = Integer.MAX_VALUE;
    private volatile CountDownLatch gate;

    public FakeQuiverShard(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Refuses router writes whose map is older than {@code ms} when they would be applied. */
    public FakeQuiverShard leaseMs(long ms) {
        this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(ms);
        return this;
    }

    /** Answers 500 to every coordinator point write after the first {@code n}. */
    public FakeQuiverShard failCoordinatorUpsertsAfter(int n) {
        this.failUpsertsAfter = n;
        return this;
    }

    /** Holds coordinator point writes until the returned latch is counted down. */
    public CountDownLatch holdCoordinatorUpserts() {
        CountDownLatch g = new CountDownLatch(1);
        this.gate = g;
        return g;
    }

    /** Waits until a coordinator point write is held at the gate. */
    public boolean awaitUpsertAtGate(long timeoutMs) throws InterruptedException {
        return upsertAtGate.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public void createCollection(String name, int dim, boolean multivector) {
        ObjectNode schema = MAPPER.createObjectNode().put("name", name).put("dim", dim).put("metric", "cosine")
                .put("index", "hnsw");
        if (multivector) {
            schema.put("multivector", true);
        }
        synchronized (lock) {
            collections.put(name, new Collection(schema, new LinkedHashMap<>()));
        }
    }

    /** Stores a point directly, as if written before the test began. */
    public void put(String collection, String id, ObjectNode point) {
        synchronized (lock) {
            collections.get(collection).points().put(id, point.deepCopy().put("id", id));
        }
    }

    public Set<String> ids(String collection) {
        synchronized (lock) {
            Collection c = collections.get(collection);
            return c == null ? Set.of() : new LinkedHashSet<>(c.points().keySet());
        }
    }

    public ObjectNode point(String collection, String id) {
        synchronized (lock) {
            Collection c = collections.get(collection);
            ObjectNode p = c == null ? null : c.points().get(id);
            return p == null ? null : p.deepCopy();
        }
    }

    public boolean hasCollection(String name) {
        synchronized (lock) {
            return collections.containsKey(name);
        }
    }

    /** The distinct {@code Authorization} headers of the coordinator's requests ("" for none). */
    public Set<String> coordinatorAuthorizations() {
        synchronized (coordinatorAuth) {
            return new LinkedHashSet<>(coordinatorAuth);
        }
    }

    public int coordinatorRequests() {
        return coordinatorRequests.get();
    }

    public int coordinatorUpserts() {
        return coordinatorUpserts.get();
    }

    private void handle(HttpServerRequest req) {
        Context context = Vertx.currentContext();
        req.body().onSuccess(buf -> threads.execute(() -> {
            Reply r;
            try {
                r = serve(req, buf.length() == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(buf.getBytes()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r = new Reply(503, error("interrupted"));
            } catch (IOException | RuntimeException e) {
                r = new Reply(500, error(String.valueOf(e)));
            }
            byte[] bytes = bytes(r.body());
            int status = r.status();
            context.runOnContext(v -> req.response().setStatusCode(status).putHeader("Content-Type",
                    "application/json").end(Buffer.buffer(bytes)));
        }));
    }

    private Reply serve(HttpServerRequest req, JsonNode body) throws InterruptedException {
        boolean router = req.getHeader(ROUTER_HEADER) != null;
        if (!router && !req.path().equals("/healthz")) {
            coordinatorRequests.incrementAndGet();
            String auth = req.getHeader("Authorization");
            synchronized (coordinatorAuth) {
                coordinatorAuth.add(auth == null ? "" : auth);
            }
        }
        List<String> path = new ArrayList<>();
        for (String p : req.path().substring(1).split("/")) {
            path.add(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String method = req.method().name();
        if (path.equals(List.of("healthz"))) {
            return new Reply(200, MAPPER.createObjectNode().put("status", "ok"));
        } else if (path.equals(List.of("v1", "collections"))) {
            return method.equals("GET") ? new Reply(200, listCollections()) : createCollection(body);
        } else if (path.size() == 3 && path.get(0).equals("v1") && path.get(1).equals("collections")) {
            ObjectNode schema = schema(path.get(2));
            return schema == null ? new Reply(404, error("not found")) : new Reply(200, schema);
        } else if (path.size() == 4 && path.get(3).equals("fetch") && method.equals("POST")) {
            return fetch(path.get(2), body);
        } else if (path.size() == 5 && path.get(3).equals("points") && method.equals("GET")) {
            ObjectNode p = point(path.get(2), path.get(4));
            return p == null ? new Reply(404, error("not found")) : new Reply(200, p);
        } else if (path.size() == 4 && path.get(3).equals("points") && method.equals("POST")) {
            String observed = req.getHeader(OBSERVED_HEADER);
            return upsert(path.get(2), body, router, observed == null ? 0 : Long.parseLong(observed));
        } else if (path.size() == 4 && path.get(3).equals("points") && method.equals("DELETE")) {
            return delete(path.get(2), body);
        }
        return new Reply(404, error("not found"));
    }

    private ArrayNode listCollections() {
        ArrayNode out = MAPPER.createArrayNode();
        synchronized (lock) {
            collections.values().forEach(c -> out.add(c.schema().deepCopy().put("count", c.points().size())));
        }
        return out;
    }

    private ObjectNode schema(String name) {
        synchronized (lock) {
            Collection c = collections.get(name);
            return c == null ? null : c.schema().deepCopy();
        }
    }

    private Reply createCollection(JsonNode body) {
        synchronized (lock) {
            String name = body.path("name").asText();
            if (collections.containsKey(name)) {
                return new Reply(409, error("collection exists"));
            }
            collections.put(name, new Collection((ObjectNode) body.deepCopy(), new LinkedHashMap<>()));
        }
        return new Reply(200, MAPPER.createObjectNode().put("result", true));
    }

    private Reply fetch(String name, JsonNode body) {
        long offset = body.path("offset").asLong(0);
        int limit = body.path("limit").asInt(10);
        boolean withVector = body.path("with_vector").asBoolean(false);
        boolean withPayload = body.path("with_payload").asBoolean(false);
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode points = out.putArray("points");
        synchronized (lock) {
            Collection c = collections.get(name);
            if (c == null) {
                return new Reply(404, error("not found"));
            }
            int i = 0;
            for (ObjectNode p : c.points().values()) {
                if (i++ < offset) {
                    continue;
                }
                if (points.size() == limit) {
                    break;
                }
                ObjectNode o = points.addObject().put("id", p.get("id").asText());
                if (withVector) {
                    o.set("vector", p.get("vector"));
                }
                if (withPayload) {
                    o.set("payload", p.get("payload"));
                }
            }
        }
        return new Reply(200, out);
    }

    private Reply upsert(String name, JsonNode body, boolean router, long observedNanos) throws InterruptedException {
        if (!router) {
            CountDownLatch g = gate;
            if (g != null) {
                upsertAtGate.countDown();
                g.await();
            }
            if (coordinatorUpserts.incrementAndGet() > failUpsertsAfter) {
                return new Reply(500, error("injected failure"));
            }
        }
        synchronized (lock) {
            Collection c = collections.get(name);
            if (c == null) {
                return new Reply(404, error("not found"));
            }
            if (router && System.nanoTime() - observedNanos > leaseNanos) {
                return new Reply(409, error("stale map"));
            }
            for (JsonNode p : body.path("points")) {
                c.points().put(p.path("id").asText(), (ObjectNode) p.deepCopy());
            }
        }
        return new Reply(200, MAPPER.createObjectNode().put("status", "ok"));
    }

    private Reply delete(String name, JsonNode body) {
        synchronized (lock) {
            Collection c = collections.get(name);
            if (c == null) {
                return new Reply(404, error("not found"));
            }
            body.path("ids").forEach(id -> c.points().remove(id.asText()));
        }
        return new Reply(200, MAPPER.createObjectNode().put("status", "ok"));
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("closing a fake shard failed", e);
        }
        threads.shutdownNow();
    }
}
