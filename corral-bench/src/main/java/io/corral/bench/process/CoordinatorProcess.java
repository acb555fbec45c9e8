package io.corral.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Corral coordinator started as {@code corral serve} in a child JVM on fresh loopback ports, and
 * the time it took from process start to {@code /readyz} answering 200.
 */
public final class CoordinatorProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "io.corral.cli.CorralCli";
    private static final long READY_TIMEOUT_MS = 600_000;
    private static final String SNAPSHOT_WRITTEN = "snapshot at index";
    private static final String SNAPSHOT_FAILED = "Failed to take snapshot";

    private final ChildJvm jvm;
    private final int port;
    private final long startToReadyMs;
    private final String adminToken;

    private CoordinatorProcess(ChildJvm jvm, int port, long startToReadyMs, String adminToken) {
        this.jvm = jvm;
        this.port = port;
        this.startToReadyMs = startToReadyMs;
        this.adminToken = adminToken;
    }

    /** Starts a coordinator and returns once it is ready. The log goes to {@code logFile}. */
    public static CoordinatorProcess start(String classPath, CoordinatorSettings s, Path logFile) throws Exception {
        Files.createDirectories(s.dataDir());
        int port = Ports.free();
        int raftPort = Ports.free();
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--raft-port", Integer.toString(raftPort), "--data-dir", s.dataDir().toString(),
                "--snapshot-every", Long.toString(s.snapshotEveryEntries()),
                "--heartbeat-interval", CoordinatorSettings.HEARTBEAT_INTERVAL_MS + "ms",
                "--node-timeout", s.nodeTimeoutMs() + "ms");
        long startedNanos = System.nanoTime();
        ChildJvm jvm = ChildJvm.start(classPath, s.jvmOptions(), MAIN_CLASS, args, logFile, s.cpus());
        try {
            long readyMs = ReadyProbe.awaitReady("http://127.0.0.1:" + port, startedNanos, READY_TIMEOUT_MS, jvm);
            String token = Files.readString(s.dataDir().resolve("admin.token")).trim();
            return new CoordinatorProcess(jvm, port, readyMs, token);
        } catch (Exception e) {
            jvm.close();
            throw e;
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String adminToken() {
        return adminToken;
    }

    /** Milliseconds from launching the JVM until {@code /readyz} returned 200. */
    public long startToReadyMs() {
        return startToReadyMs;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    /** SIGTERM: the coordinator shuts down cleanly. Returns the milliseconds it took. */
    public long stopGracefully() throws InterruptedException {
        return jvm.stopGracefully();
    }

    /** SIGKILL: the coordinator dies as in a crash. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /** Reads the log file, e.g. to find what the coordinator reported about loading its snapshot. */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(jvm.logFile());
    }

    /** Lines of this process's log containing {@code text}; 0 if the log cannot be read. */
    public long countLogLines(String text) {
        try (Stream<String> lines = Files.lines(jvm.logFile())) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Snapshots this process wrote, by its own log ({@code snapshot at index …}). */
    public long snapshotsWritten() {
        return countLogLines(SNAPSHOT_WRITTEN);
    }

    /** Snapshot attempts that failed, by Ratis' log line ({@code Failed to take snapshot}). */
    public long snapshotFailures() {
        return countLogLines(SNAPSHOT_FAILED);
    }
}
