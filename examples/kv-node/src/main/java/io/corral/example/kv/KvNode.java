package io.corral.example.kv;

import com.sun.net.httpserver.HttpServer;
import io.corral.agent.AgentConfig;
import io.corral.agent.NodeAgent;
import io.corral.agent.moves.MoveWorker;
import io.corral.agent.moves.MoveWorkerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running reference node: its {@link KvStore} served over HTTP ({@link KvHttpApi} at {@code /kv/}, the
 * move exports at {@code /corral/moves/v1/}), a {@link NodeAgent} that registers and heartbeats it, and a
 * {@link MoveWorker} that does its part in moves. Data lives in memory only: a node that stops loses
 * it, so a data directory must never be reused (starting refuses one that was).
 */
public final class KvNode implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final KvStore store;
    private final NodeAgent agent;
    private final MoveWorker worker;

    /** What a node needs; {@code port} 0 picks one. */
    public record Settings(URI coordinatorUrl, String operatorToken, String workspace, String nodeId, String zone,
                           String host, int port, Path dataDir, int httpThreads, MoveWorkerSettings moves) {
    }

    private KvNode(HttpServer http, ExecutorService httpThreads, KvStore store, NodeAgent agent, MoveWorker worker) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.store = store;
        this.agent = agent;
        this.worker = worker;
    }

    public static KvNode start(Settings s) throws IOException {
        if (Files.exists(s.dataDir().resolve("agent.json"))) {
            throw new IllegalStateException(s.dataDir() + " belonged to a node whose data died with its process; "
                    + "start with a new data directory (the node would come back empty under its old id)");
        }
        Files.createDirectories(s.dataDir());
        KvStore store = new KvStore(KvStore.DEFAULT_MAX_LOG_ENTRIES);
        HttpServer http = HttpServer.create(new InetSocketAddress(s.host(), s.port()), 256);
        ExecutorService threads = Executors.newFixedThreadPool(s.httpThreads(), r -> {
            Thread t = new Thread(r, "kv-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        String url = "http://" + s.host() + ":" + http.getAddress().getPort();
        AgentConfig config = new AgentConfig(s.coordinatorUrl(), s.operatorToken(), s.workspace(), s.host(),
                http.getAddress().getPort(), url, s.dataDir(), s.nodeId(), s.nodeId(), "kv", Map.of("app", "kv"),
                s.zone(), null, 5);
        NodeAgent agent = NodeAgent.start(config, Map::of, url);
        agent.appMetrics(() -> Map.of("kv_keys", store.totalKeys()));
        MoveWorker worker = MoveWorker.start(agent, new KvMoveParticipant(store), s.moves());
        http.createContext(KvHttpApi.PATH, new KvHttpApi(store));
        http.createContext(io.corral.agent.moves.MoveExportHandler.PATH, worker.exportHandler());
        http.createContext("/health", ex -> {
            try (ex) {
                ex.sendResponseHeaders(204, -1);
            }
        });
        http.start();
        return new KvNode(http, threads, store, agent, worker);
    }

    public String nodeId() {
        return agent.nodeId();
    }

    public String url() {
        return agent.advertisedUrl();
    }

    public KvStore store() {
        return store;
    }

    public MoveWorker worker() {
        return worker;
    }

    /** Whether the coordinator has taken this node's registration. */
    public boolean registered() {
        return agent.state().registered();
    }

    @Override
    public void close() {
        worker.close();
        agent.close();
        http.stop(0);
        httpThreads.shutdownNow();
    }
}
