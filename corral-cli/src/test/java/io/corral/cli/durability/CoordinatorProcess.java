package io.corral.cli.durability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code corral serve} in a JVM of its own, on fixed ports and a fixed data directory, so that it
 * can be killed with SIGKILL and started again exactly where it was. Its output goes to a file whose
 * tail is shown when something goes wrong.
 */
final class CoordinatorProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final int raftPort;
    private final List<String> extraArgs;
    private Process process;
    private int starts;

    CoordinatorProcess(Path dataDir, Path logFile, int port, int raftPort, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
        this.raftPort = raftPort;
        this.extraArgs = List.copyOf(extraArgs);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Starts the process (it must not be running). */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.corral.cli.CorralCli", "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--raft-port", Integer.toString(raftPort),
                "--data-dir", dataDir.toString(), "--http-instances", "1"));
        cmd.addAll(extraArgs);
        starts++;
        Files.writeString(logFile, "=== start " + starts + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    /** Polls {@code /readyz} every 50 ms until it answers 200; fails if the process dies or the deadline passes. */
    void awaitReady(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("the coordinator exited with " + process.exitValue() + " before it was ready\n"
                        + logTail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/readyz"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the coordinator was not ready within " + deadline + "\n" + logTail());
    }

    /** SIGKILL: no shutdown hook, no flush, no snapshot on stop. Waits until the process is gone. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the coordinator did not die after SIGKILL");
        }
    }

    String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token"), StandardCharsets.UTF_8).trim();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /**
     * A port that is free now, chosen below the kernel's ephemeral range so that no outgoing
     * connection takes it while the coordinator is down between a kill and its restart.
     */
    static int freeFixedPort(Random random, int avoid) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + random.nextInt(10_000);
            if (candidate == avoid) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found between 20000 and 30000");
    }
}
