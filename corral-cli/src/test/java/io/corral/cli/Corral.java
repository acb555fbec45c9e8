package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.it.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code corral} CLI in this JVM, as one caller of one server, and captures what it prints. */
final class Corral {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String url;
    private final String token;

    /** The exit code and everything printed on stdout and stderr. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }

        /** The whitespace-separated words of each table row after the header. */
        List<List<String>> rows() {
            List<List<String>> rows = new ArrayList<>();
            String[] lines = out.split("\n");
            for (int i = 1; i < lines.length && !lines[i].isBlank(); i++) {
                rows.add(Arrays.asList(lines[i].trim().split("\\s+")));
            }
            return rows;
        }

        /** The token from a {@code token: …} line. */
        String token() {
            Matcher m = Pattern.compile("(?m)^token: (\\S+)$").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no token line in: " + out);
            }
            return m.group(1);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * A coordinator for CLI tests. Its node timeout is ten minutes, so a node registered by a test (which
     * never heartbeats) stays in the status the test gave it however slowly the test runs.
     */
    static TestServer startServer(Path dataDir) throws Exception {
        return TestServer.start(dataDir, 1_000, 600_000, false);
    }

    /**
     * A coordinator for resource and shard-map tests: the same ten-minute node timeout, and replicas of an
     * inactive node re-placed after 30 s.
     */
    static TestServer startShardServer(Path dataDir) throws Exception {
        return TestServer.start(TestServer.config(dataDir, 1_000, 600_000, 30_000));
    }

    /** Registers nodes {@code prefix1…prefixN} in {@code workspace}, alternating zones {@code z1} and {@code z2}. */
    void registerNodes(String workspace, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            Result r = run("nodes", "register", "-w", workspace, "--id", prefix + i, "--role", "data",
                    "--zone", "z" + (2 - i % 2), "--url", "http://10.0.0." + i + ":8080");
            if (r.exit() != 0) {
                throw new AssertionError("cannot register " + prefix + i + ": " + r);
            }
        }
    }

    Corral(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** The same server with another token. */
    Corral as(String otherToken) {
        return new Corral(url, otherToken);
    }

    /** {@code corral ARGS --server URL --token TOKEN}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--server", url, "--token", token));
        return raw(all.toArray(String[]::new));
    }

    /** {@code corral ARGS}, nothing added. */
    static Result raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CorralCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
