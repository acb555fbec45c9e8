package io.corral.example.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.client.routing.KeyRouter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a settled cluster against a {@link Ledger}: for every key written, every replica of the key's
 * partition in the map (the leader first) holds a value whose sequence number is at least the last
 * acknowledged one (with at least its version) and at most the last attempted one. Returns the violations.
 */
final class LedgerCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Counts of what was checked. */
    record Result(List<String> violations, long keysChecked, long replicaReads) {
    }

    private LedgerCheck() {
    }

    static Result check(JsonNode resourceMap, Ledger ledger) throws IOException, InterruptedException {
        String resource = resourceMap.get("resource_id").asText();
        KeyRouter router = new KeyRouter(resourceMap.get("partitions").asInt());
        Map<Long, List<String>> keysByShard = new HashMap<>();
        Map<String, Ledger.KeyState> keys = ledger.snapshot();
        keys.keySet().forEach(k -> keysByShard.computeIfAbsent((long) router.partition(k), s -> new ArrayList<>()).add(k));
        List<String> violations = new ArrayList<>();
        long reads = 0;
        for (JsonNode shard : resourceMap.get("shards")) {
            long id = shard.get("id").asLong();
            for (JsonNode replica : shard.get("replicas")) {
                String node = replica.get("node_id").asText() + ("leader".equals(replica.path("role").asText())
                        ? " (leader)" : "");
                Map<String, Entry> held = dump(replica.get("url").asText(), resource, id);
                reads++;
                for (String key : keysByShard.getOrDefault(id, List.of())) {
                    Ledger.KeyState want = keys.get(key);
                    Entry e = held.get(key);
                    long seq = e == null ? 0 : Ledger.seqOf(key, e.value());
                    if (want.ackedSeq() > 0 && (e == null || seq < want.ackedSeq() || e.version() < want.ackedVersion())) {
                        violations.add("shard " + id + " " + node + ": key " + key + " has " + (e == null ? "nothing"
                                + "" : "seq " + seq + " v" + e.version()) + " but seq " + want.ackedSeq() + " v"
                                + want.ackedVersion() + " was acknowledged");
                    } else if (seq > want.attemptedSeq() || seq < 0) {
                        violations.add("shard " + id + " " + node + ": key " + key + " has a value never written: "
                                + e.value());
                    }
                }
            }
        }
        return new Result(violations, keys.size(), reads);
    }

    private static Map<String, Entry> dump(String url, String resource, long shard) throws IOException,
            InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + KvHttpApi.PATH + "/" + resource
                + "/" + shard)).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("dump of shard " + shard + " at " + url + ": " + r.statusCode() + " " + r.body());
        }
        Map<String, Entry> out = new HashMap<>();
        for (JsonNode e : MAPPER.readTree(r.body()).path("entries")) {
            out.put(e.get("key").asText(), new Entry(e.get("key").asText(), e.get("value").asText(),
                    e.get("version").asLong()));
        }
        return out;
    }
}
