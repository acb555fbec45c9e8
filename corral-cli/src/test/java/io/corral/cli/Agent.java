package io.corral.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A {@code corral agent} process on a fixed port with its own data directory. */
final class Agent implements AutoCloseable {
    final Path dataDir;
    final int port;
    private final Path logDir;
    private final Coordinator coordinator;
    private final String[] extraArgs;
    private CliProcess process;
    private int starts;

    Agent(Coordinator coordinator, Path dataDir, Path logDir, String... extraArgs) throws Exception {
        this.coordinator = coordinator;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.port = CliProcess.freePort();
        this.extraArgs = extraArgs;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts it and waits until its API answers. */
    Agent start() throws Exception {
        starts++;
        String[] base = {"agent", "--coordinator", coordinator.url(), "--token", coordinator.adminToken(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir", dataDir.toString()};
        String[] args = new String[base.length + extraArgs.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
        process = CliProcess.start(logDir.resolve("agent-" + port + "-" + starts + ".log"), args);
        Api.await("agent API up", Duration.ofSeconds(60), () -> Api.get(url() + "/api/health", null).status() != 0,
                process::logTail);
        return this;
    }

    /** The node id the agent keeps in its data directory. */
    String nodeId() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(dataDir.resolve("agent.json")))
                .get("node_id").asText();
    }

    /** Waits until the coordinator lists the node as {@code status}. */
    void awaitStatus(String status, Duration timeout) throws Exception {
        String id = nodeId();
        Api.await("node " + id + " " + status, timeout, () -> status.equals(coordinator.status(id)),
                () -> "coordinator says " + coordinator.status(id) + "\nagent log:\n" + logTail()
                        + "\ncoordinator log:\n" + coordinator.logTail());
    }

    String logTail() {
        return process == null ? "" : process.logTail();
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
