package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.it.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral events|webhooks|nodes metrics} against a real coordinator (in this JVM). */
class TelemetryCliTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        var reg = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "cli-1"));
        String token = reg.json().at("/data/token").asText();
        s.call("POST", "/api/v1/workspaces/default/nodes/cli-1/heartbeat", Map.of("metrics",
                Map.of("cpu_percent", 42.5, "memory_percent", 61, "app", Map.of("queue_depth", 9))), token);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** Exit code, stdout, stderr of one CLI run. */
    record Result(int code, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 4];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--server";
            all[args.length + 1] = s.url();
            all[args.length + 2] = "--token";
            all[args.length + 3] = s.adminToken();
            int code = CorralCli.run(all);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void nodesMetricsShowsCurrentAveragePeak() {
        Result r = run("nodes", "metrics", "cli-1", "--period", "1h");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("node cli-1, period 1h").containsPattern("cpu %\\s+42.5\\s+42.5\\s+42.5\\s+1")
                .containsPattern("memory %\\s+61.0").contains("app queue_depth");
        Result json = run("nodes", "metrics", "cli-1", "--metric", "cpu", "-o", "json");
        assertThat(json.out()).contains("\"current_percentage\" : 42.5").doesNotContain("\"memory\"");
        Result bad = run("nodes", "metrics", "cli-1", "--period", "2w");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("VALIDATION_FAILED").contains("period");
    }

    @Test
    void webhooksCreateListDeliveriesDelete() {
        Result created = run("webhooks", "create", "--url", "http://127.0.0.1:9/hook", "--events",
                "node.deleted,node.health_check_failed");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("secret: ");
        String id = created.out().replaceAll("(?s).*webhook (wh[0-9a-f]+) created.*", "$1");
        assertThat(run("webhooks", "list").out()).contains(id).contains("node.deleted,node.health_check_failed")
                .doesNotContain("secret");
        assertThat(run("webhooks", "deliveries", id).out()).contains("STATUS");
        assertThat(run("webhooks", "delete", id).out()).contains("deleted");
        Result gone = run("webhooks", "delete", id);
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("WEBHOOK_NOT_FOUND");
    }

    @Test
    void eventsListAndWatch() throws Exception {
        Result list = run("events", "list", "--node", "cli-1");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("REASON").contains("node.registered");

        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        Thread watcher;
        System.setOut(new PrintStream(watched, true, StandardCharsets.UTF_8));
        int[] code = {-1};
        try {
            watcher = new Thread(() -> code[0] = CorralCli.run("events", "watch", "--node", "cli-w", "--server", s.url(),
                    "--token", s.adminToken()));
            watcher.setDaemon(true);
            watcher.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            // the first registration may happen before the stream is open; repeats show as aggregated updates
            while (!watched.toString(StandardCharsets.UTF_8).contains("node.updated  cli-w  x2")) {
                s.post("/api/v1/workspaces/default/nodes", Map.of("id", "cli-w", "upsert", true));
                assertThat(System.nanoTime()).as("watch printed nothing: " + watched).isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            System.setOut(oldOut);
        }
        assertThat(watched.toString(StandardCharsets.UTF_8)).containsPattern("Z  Normal  node.(registered|updated)  cli-w  x1  ");
    }
}
