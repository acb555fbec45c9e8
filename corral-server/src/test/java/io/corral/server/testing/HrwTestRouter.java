package io.corral.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.client.routing.Rendezvous;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A Quiver-style router for tests: it reads the coordinator's {@code /cluster/map} before every write and
 * routes by rendezvous hashing. A key is read from its owner among the active and leaving shards; it is
 * written there and, while a shard joins or leaves, also to its owner among the active and joining shards
 * (the dual-write of seed 003). A write is acknowledged only when every target took it; a target that
 * refuses (the map was too old when the write arrived, or the collection is not there yet) makes it start
 * again with a fresh map. Each write names the time its map was read ({@link FakeQuiverShard#OBSERVED_HEADER}).
 */
public final class HrwTestRouter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long WRITE_DEADLINE_MS = 60_000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> coordinatorUrl;
    private final String token;

    /** The map as a router sees it, with the {@link System#nanoTime()} at which it was asked for. */
    public record Ring(long version, Map<Long, String> urls, Set<Long> active, Set<Long> joining, Set<Long> leaving,
                       long observedNanos) {

        /** Where reads of {@code key} go: its owner among the active and leaving shards. */
        public long readOwner(String key) {
            Set<Long> ids = new TreeSet<>(active);
            ids.addAll(leaving);
            return route(key, ids);
        }

        /** Its owner once the ring settles: among the active and joining shards. */
        public long writeOwner(String key) {
            Set<Long> ids = new TreeSet<>(active);
            ids.addAll(joining);
            return route(key, ids);
        }

        public boolean settled() {
            return joining.isEmpty() && leaving.isEmpty();
        }

        private static long route(String key, Set<Long> ids) {
            return Rendezvous.route(key, ids.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** A write that every target took, and the map it was routed with. */
    public record Ack(String collection, String id, Ring ring) {
    }

    public HrwTestRouter(Supplier<String> coordinatorUrl, String token) {
        this.coordinatorUrl = coordinatorUrl;
        this.token = token;
    }

    public Ring ring() throws IOException, InterruptedException {
        long observed = System.nanoTime();
        HttpRequest req = HttpRequest.newBuilder(URI.create(coordinatorUrl.get() + "/cluster/map"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("map: " + r.statusCode() + " " + r.body());
        }
        JsonNode map = MAPPER.readTree(r.body());
        Map<Long, String> urls = new TreeMap<>();
        map.get("shards").forEach(s -> urls.put(s.get("id").asLong(), s.get("primary_url").asText()));
        Set<Long> joining = ids(map.get("joining"));
        Set<Long> leaving = ids(map.get("leaving"));
        Set<Long> active = new TreeSet<>(urls.keySet());
        active.removeAll(joining);
        active.removeAll(leaving);
        return new Ring(map.get("version").asLong(), urls, active, joining, leaving, observed);
    }

    private static Set<Long> ids(JsonNode array) {
        Set<Long> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    /** Writes one point, starting again with a fresh map until every target took it. */
    public Ack write(String collection, String id, ObjectNode payload) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WRITE_DEADLINE_MS * 1_000_000L;
        ObjectNode point = MAPPER.createObjectNode().put("id", id);
        point.putArray("vector").add(0.5).add(-0.25);
        point.set("payload", payload);
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("points").add(point);
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        while (System.nanoTime() < deadline) {
            Ring ring;
            try {
                ring = ring();
            } catch (IOException coordinatorAway) {
                Thread.sleep(20);
                continue;
            }
            Set<Long> targets = new LinkedHashSet<>();
            targets.add(ring.readOwner(id));
            targets.add(ring.writeOwner(id));
            boolean all = true;
            for (long target : targets) {
                int status = post(ring.urls().get(target) + "/v1/collections/" + collection + "/points", bytes,
                        ring.observedNanos());
                if (status == 409 || status == 404) {
                    all = false;
                    break;
                } else if (status != 200) {
                    throw new IOException("shard " + target + " answered " + status + " to a write of " + id);
                }
            }
            if (all) {
                return new Ack(collection, id, ring);
            }
            Thread.sleep(2);
        }
        throw new AssertionError("write of " + id + " not acknowledged within " + WRITE_DEADLINE_MS + " ms");
    }

    private int post(String url, byte[] body, long observedNanos) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header(FakeQuiverShard.ROUTER_HEADER, "1")
                .header(FakeQuiverShard.OBSERVED_HEADER, Long.toString(observedNanos))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
