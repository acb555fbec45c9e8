package io.corral.example.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.client.CorralClient;
import io.corral.client.routing.KeyRouter;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of a sharded key-value resource served by reference nodes. It follows the shard map
 * ({@link MapFollower}), routes a key to its partition with {@link KeyRouter} (the key is the single
 * shard-key value), and:
 * <ul>
 *   <li><b>writes</b> to every replica of the partition: active, joining (the target of a move) and
 *       leaving ones (the source after a cutover, best effort), each write carrying a version (a hybrid
 *       clock: microseconds, strictly increasing per client) and the map version it was routed with. It is
 *       <b>acknowledged only when every active and joining replica took it</b> — the leader and a move's
 *       target included, and the followers too, so a follower promoted after its leader dies has every
 *       acknowledged write. Otherwise (a replica unreachable, a refusal because the map is stale) it reads
 *       the map again and retries with the same version until {@code writeTimeoutMs} has passed, then
 *       throws {@link WriteFailedException}: the write may then be stored or not;</li>
 *   <li><b>reads</b> from the partition's leader, retrying on a newer map when it is refused.</li>
 * </ul>
 * Thread-safe; close it to stop following the map.
 */
public final class RoutingClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MapFollower map;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final long writeTimeoutMs;
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /** A write that was acknowledged: its version, and the partition it went to. */
    public record Ack(long version, long shard) {
    }

    private RoutingClient(MapFollower map, long requestTimeoutMs, long writeTimeoutMs) {
        this.map = map;
        this.requestTimeout = Duration.ofMillis(requestTimeoutMs);
        this.writeTimeoutMs = writeTimeoutMs;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout).build();
    }

    /**
     * Starts following {@code resourceId}'s map with {@code corral} (a viewer key suffices).
     *
     * @param requestTimeoutMs bound of one request to one replica
     * @param writeTimeoutMs   how long {@link #put} keeps retrying before it gives up
     */
    public static RoutingClient start(CorralClient corral, String workspace, String resourceId, long requestTimeoutMs,
                                      long writeTimeoutMs) {
        return new RoutingClient(new MapFollower(corral, workspace, resourceId).start(), requestTimeoutMs,
                writeTimeoutMs);
    }

    /** The routes in use now. */
    public RouteTable routes() {
        return map.routes();
    }

    /** Writes that had to be retried, over this client's life. */
    public long retries() {
        return retries.get();
    }

    /** The partition of {@code key} under the current routes. */
    public long shardOf(String key) {
        return new KeyRouter(map.routes().partitions()).partition(key);
    }

    /** A new write version: the wall clock in microseconds, strictly above every earlier one of this client. */
    private long nextVersion() {
        long now = System.currentTimeMillis() * 1000;
        return clock.updateAndGet(last -> Math.max(last + 1, now));
    }

    /** Writes {@code value} under {@code key}; returns once it is acknowledged (see the class comment). */
    public Ack put(String key, String value) throws WriteFailedException, InterruptedException {
        return put(key, value, nextVersion());
    }

    /** Writes with a given version (a retry of an earlier attempt keeps its version). */
    public Ack put(String key, String value, long version) throws WriteFailedException, InterruptedException {
        long deadline = System.nanoTime() + writeTimeoutMs * 1_000_000;
        String last = "no attempt";
        for (int attempt = 0; ; attempt++) {
            RouteTable t = map.routes();
            long shard = new KeyRouter(t.partitions()).partition(key);
            List<RouteTable.Replica> replicas = t.replicas(shard);
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (RouteTable.Replica r : replicas) {
                if (r.url() == null) {
                    sent.add(CompletableFuture.failedFuture(new IOException(r.nodeId() + " has no URL")));
                    continue;
                }
                sent.add(send(HttpRequest.newBuilder(uri(r, t.resourceId(), shard, key)).timeout(requestTimeout)
                        .header(KvHttpApi.VERSION_HEADER, Long.toString(version))
                        .header(KvHttpApi.MAP_VERSION_HEADER, Long.toString(t.version()))
                        .PUT(HttpRequest.BodyPublishers.ofString(value)).build()));
            }
            long fence = 0;
            boolean ok = !replicas.isEmpty();
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < replicas.size(); i++) {
                RouteTable.Replica r = replicas.get(i);
                HttpResponse<String> res = result(sent.get(i));
                if (res != null && res.statusCode() == 204) {
                    continue;
                }
                if (res != null && res.statusCode() == 409) {
                    fence = Math.max(fence, fenceOf(res.body()));
                }
                if (r.required()) {
                    ok = false;
                    why.append(r.nodeId()).append(": ").append(res == null ? "unreachable" : res.statusCode() + " "
                            + res.body()).append("; ");
                }
            }
            if (ok) {
                return new Ack(version, shard);
            }
            last = replicas.isEmpty() ? "shard " + shard + " has no replicas" : why.toString();
            retries.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new WriteFailedException("write of " + key + " (version " + version + ") not acknowledged within "
                        + writeTimeoutMs + " ms; last: " + last);
            }
            awaitNewerRoutes(t.version(), fence, attempt);
        }
    }

    /** Reads {@code key} from its partition's leader: the value and version, or empty when absent. */
    public Optional<Entry> get(String key) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + writeTimeoutMs * 1_000_000;
        for (int attempt = 0; ; attempt++) {
            RouteTable t = map.routes();
            long shard = new KeyRouter(t.partitions()).partition(key);
            RouteTable.Replica leader = t.leader(shard);
            HttpResponse<String> res = leader == null || leader.url() == null ? null : result(send(HttpRequest.newBuilder(
                    uri(leader, t.resourceId(), shard, key)).timeout(requestTimeout).GET().build()));
            if (res != null && res.statusCode() == 200) {
                return Optional.of(new Entry(key, res.body(),
                        Long.parseLong(res.headers().firstValue(KvHttpApi.VERSION_HEADER).orElse("0"))));
            }
            if (res != null && res.statusCode() == 404) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("read of " + key + " failed: " + (res == null ? "leader unreachable"
                        : res.statusCode() + " " + res.body()));
            }
            awaitNewerRoutes(t.version(), 0, attempt);
        }
    }

    /** Every entry of {@code shard} as its leader holds it (for checkers). */
    public List<Entry> dumpFromLeader(long shard) throws IOException, InterruptedException {
        RouteTable t = map.routes();
        RouteTable.Replica leader = t.leader(shard);
        if (leader == null) {
            throw new IOException("shard " + shard + " has no leader");
        }
        HttpResponse<String> res = result(send(HttpRequest.newBuilder(URI.create(leader.url() + KvHttpApi.PATH + "/"
                + enc(t.resourceId()) + "/" + shard)).timeout(Duration.ofSeconds(60)).GET().build()));
        if (res == null || res.statusCode() != 200) {
            throw new IOException("dump of shard " + shard + " from " + leader.nodeId() + " failed: "
                    + (res == null ? "unreachable" : res.statusCode() + " " + res.body()));
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : MAPPER.readTree(res.body()).path("entries")) {
            out.add(new Entry(e.get("key").asText(), e.get("value").asText(), e.get("version").asLong()));
        }
        return out;
    }

    /**
     * Before a retry: when a replica named a fence, wait for a map that reaches it; else read the map again
     * (it may have changed: a cutover, a failover) after a short, growing pause.
     */
    private void awaitNewerRoutes(long routedWith, long fence, int attempt) throws InterruptedException {
        if (fence > routedWith) {
            map.refresh();
            if (!map.awaitVersion(fence, 2_000)) {
                map.refresh();
            }
            return;
        }
        Thread.sleep(Math.min(500, 20L << Math.min(attempt, 5)));
        map.refresh();
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest req) {
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> result(CompletableFuture<HttpResponse<String>> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    private static long fenceOf(String body) {
        try {
            return MAPPER.readTree(body).path("fence_version").asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static URI uri(RouteTable.Replica r, String resource, long shard, String key) {
        return URI.create(r.url() + KvHttpApi.PATH + "/" + enc(resource) + "/" + shard + "/" + enc(key));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        map.close();
    }
}
