package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A {@code corral serve} process on fixed ports, so it can be restarted where its agents expect it. */
final class Coordinator implements AutoCloseable {
    final Path dataDir;
    final int port;
    final int raftPort;
    private final Path logDir;
    private CliProcess process;
    private int starts;

    Coordinator(Path dataDir, Path logDir) throws IOException {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.port = CliProcess.freePort();
        this.raftPort = CliProcess.freePort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts it and waits until it is ready. */
    Coordinator start() throws Exception {
        starts++;
        process = CliProcess.start(logDir.resolve("coordinator-" + port + "-" + starts + ".log"), "serve",
                "--port", Integer.toString(port), "--raft-port", Integer.toString(raftPort), "--data-dir",
                dataDir.toString(), "--heartbeat-interval", "500ms", "--node-timeout", "2s");
        Api.await("coordinator ready", Duration.ofSeconds(90),
                () -> Files.exists(dataDir.resolve("admin.token")) && Api.get(url() + "/readyz", null).status() == 200,
                process::logTail);
        return this;
    }

    String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).trim();
    }

    JsonNode node(String id) throws IOException {
        Api.Reply r = Api.get(url() + "/api/v1/workspaces/default/nodes/" + id, adminToken());
        return r.status() == 200 ? r.json().get("data") : null;
    }

    String status(String id) {
        try {
            JsonNode n = node(id);
            return n == null ? null : n.get("status").asText();
        } catch (IOException e) {
            return null;
        }
    }

    String logTail() {
        return process == null ? "" : process.logTail();
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    void stop() throws InterruptedException {
        process.stop();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
