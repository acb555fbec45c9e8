package io.corral.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class running in a child JVM on the benchmark's own class path, with its stdout and
 * stderr appended to a log file. Child processes keep a server's garbage collector, JIT and threads
 * apart from the load generator's, and let a benchmark kill a server as a crash would.
 */
public final class ChildJvm implements AutoCloseable {
    private static final long STOP_TIMEOUT_MS = 120_000;
    private static final long CLOSE_GRACE_MS = 30_000;

    private final Process process;
    private final Path logFile;

    private ChildJvm(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code mainClass} with {@code jvmOptions} and {@code args}; with {@code cpus} (e.g.
     * {@code "0"} or {@code "0-1"}, else null) the process runs under {@code taskset -c cpus}.
     */
    public static ChildJvm start(String classPath, List<String> jvmOptions, String mainClass, List<String> args,
                                 Path logFile, String cpus) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("CORRAL_"));
        return new ChildJvm(pb.start(), logFile);
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and waits for the process to exit; returns how long that took in milliseconds. */
    public long stopGracefully() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("pid " + pid() + " did not stop within " + STOP_TIMEOUT_MS
                    + " ms of SIGTERM; killed it");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Sends SIGKILL, as a crash or power loss would end it, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Ends the process if it still runs: SIGTERM first, so it can finish cleanly (and write a JFR
     * recording if it makes one), SIGKILL after {@link #CLOSE_GRACE_MS} ms.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }
}
