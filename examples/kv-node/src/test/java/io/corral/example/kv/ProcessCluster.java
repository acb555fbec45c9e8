package io.corral.example.kv;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.cli.CorralCli;
import io.corral.server.it.Poll;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coordinator ({@code corral serve}) and reference nodes ({@link KvNodeMain}), each a separate JVM with
 * its log under {@code dir}. Closing it kills every process it started.
 */
final class ProcessCluster implements AutoCloseable {
    static final String WS = "/api/v1/workspaces/default";
    private final Path dir;
    private final List<String> serveOptions;
    private final Map<String, JavaProcess> nodes = new LinkedHashMap<>();
    private JavaProcess coordinator;
    private String url;
    private String token;
    private Api api;

    /** @param serveOptions extra {@code corral serve} options, e.g. {@code --replacement-delay 2s} */
    ProcessCluster(Path dir, String... serveOptions) {
        this.dir = dir;
        this.serveOptions = List.of(serveOptions);
    }

    /** Starts the coordinator in a clean {@code dir} (what an earlier run left there is deleted first). */
    ProcessCluster startCoordinator() throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        int port = freePort();
        Path data = dir.resolve("coordinator");
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--raft-port",
                Integer.toString(freePort()), "--data-dir", data.toString()));
        args.addAll(serveOptions);
        coordinator = JavaProcess.start(dir.resolve("logs/coordinator.log"), "512m", CorralCli.class,
                args.toArray(String[]::new));
        url = "http://127.0.0.1:" + port;
        Poll.until("coordinator ready; log:\n" + coordinator.logTail(), 120_000, () -> Files.exists(data.resolve(
                "admin.token")) && new Api(url, null).get("/readyz").status() == 200);
        token = Files.readString(data.resolve("admin.token")).trim();
        api = new Api(url, token);
        return this;
    }

    String url() {
        return url;
    }

    String token() {
        return token;
    }

    Api api() {
        return api;
    }

    /** Starts a node process and waits until the coordinator lists it as active. */
    void addNode(String id, String zone) throws Exception {
        JavaProcess p = JavaProcess.start(dir.resolve("logs/" + id + ".log"), "256m", KvNodeMain.class,
                "--coordinator", url, "--token", token, "--node-id", id, "--zone", zone, "--data-dir",
                dir.resolve("nodes/" + id).toString(), "--poll-interval-ms", "100", "--http-threads", "12");
        nodes.put(id, p);
        Poll.until("node " + id + " active; log:\n" + p.logTail(), 120_000,
                () -> "active".equals(api.get(WS + "/nodes/" + id).data().path("status").asText()));
    }

    /** SIGKILLs a node process. */
    void kill(String id) throws InterruptedException {
        nodes.get(id).kill();
    }

    List<String> nodeIds() {
        return new ArrayList<>(nodes.keySet());
    }

    boolean alive(String id) {
        return nodes.get(id).alive();
    }

    String status(String id) {
        return api.get(WS + "/nodes/" + id).data().path("status").asText();
    }

    void createResource(String id, int partitions, int replicationFactor) {
        Api.Reply r = api.post(WS + "/resources", Map.of("id", id, "partitions", partitions,
                "replication_factor", replicationFactor, "data_movement", "staged"));
        if (r.status() != 201) {
            throw new AssertionError("creating " + id + ": " + r);
        }
    }

    JsonNode map(String resource) {
        return api.get(WS + "/resources/" + resource + "/map").data();
    }

    JsonNode activeMoves() {
        return api.get(WS + "/moves?state=active").data();
    }

    /**
     * Whether the resource is settled: no rebalance operation running (between two of its moves there is a
     * moment with none under way, and its next move may add a replica that holds nothing yet), no move under
     * way, and every shard has exactly {@code rf} replicas, all active, on distinct nodes the coordinator
     * lists as active.
     */
    boolean settled(String resource, int rf) {
        if ("running".equals(api.get(WS + "/rebalance").data().path("state").asText())) {
            return false;
        }
        JsonNode moves = activeMoves();
        if (!moves.isArray() || moves.size() > 0) {
            return false;
        }
        JsonNode map = map(resource);
        if (map.path("shards").size() != map.path("partitions").asInt(-1)) {
            return false;
        }
        for (JsonNode s : map.path("shards")) {
            JsonNode reps = s.path("replicas");
            if (reps.size() != rf || reps.findValuesAsText("node_id").stream().distinct().count() != rf) {
                return false;
            }
            for (JsonNode r : reps) {
                if (!"active".equals(r.path("state").asText()) || !"active".equals(r.path("node_status").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The last lines of every process's log, for a failure message. */
    String diagnostics() {
        StringBuilder b = new StringBuilder("coordinator:\n").append(coordinator == null ? "" : coordinator.logTail());
        nodes.forEach((id, p) -> b.append("\n").append(id).append(p.alive() ? "" : " (dead)").append(":\n")
                .append(p.logTail()));
        return b.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        nodes.values().forEach(JavaProcess::close);
        if (coordinator != null) {
            coordinator.close();
        }
    }
}
