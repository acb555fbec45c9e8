package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.Poll;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral autoscale show|set} against a real coordinator, down to a standby being promoted. */
class AutoscaleCliTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Corral admin;

    @BeforeAll
    static void start() throws Exception {
        server = Corral.startShardServer(dir);
        admin = new Corral(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void showSetAndWatchItPromoteAStandby() {
        var shown = admin.run("autoscale", "show");
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).containsPattern("(?m)^enabled:\\s+false$").containsPattern("(?m)^high_water:\\s+off$")
                .containsPattern("(?m)^max_nodes:\\s+no cap$").containsPattern("(?m)^last_decision:\\s+-$");

        assertThat(admin.run("nodes", "register", "--id", "a", "--role", "data").exit()).isZero();
        var standby = admin.run("nodes", "register", "--id", "s1", "--role", "data", "--label",
                "corral.io/standby=true");
        assertThat(standby.exit()).as(standby.toString()).isZero();
        var beat = server.post("/api/v1/workspaces/default/nodes/a/heartbeat", Map.of("metrics", Map.of("keys", 2000)));
        assertThat(beat.status()).isEqualTo(200);

        var set = admin.run("autoscale", "set", "--enabled", "true", "--metric", "keys", "--high-water", "1000",
                "--low-water", "10", "--min-nodes", "1", "--max-nodes", "4", "--interval", "1s", "--cooldown", "10m");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out()).containsPattern("(?m)^enabled:\\s+true$").containsPattern("(?m)^high_water:\\s+1000$")
                .containsPattern("(?m)^max_nodes:\\s+4$").containsPattern("(?m)^cooldown:\\s+10m$");

        Poll.until("s1 promoted", 60_000, () -> "scale_out".equals(admin.run("autoscale", "show", "-o", "json")
                .json().at("/status/last_decision/action").asText()));
        JsonNode json = admin.run("autoscale", "show", "-o", "json").json();
        assertThat(json.at("/status/last_action_at").isTextual()).isTrue();
        assertThat(json.at("/status/standby_nodes")).isEmpty();
        assertThat(admin.run("nodes", "get", "s1", "-o", "json").json().path("labels").has("corral.io/standby"))
                .isFalse();
        assertThat(admin.run("autoscale", "show").out()).containsPattern("(?m)^last_decision:\\s+scale_out s1: "
                + "keys on node a is 2000, above the high water 1000; 1 member nodes before at \\S+$");
    }

    @Test
    void mistakesAreReportedWithExitCodes() {
        var nothing = admin.run("autoscale", "set");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to set");

        var invalid = admin.run("autoscale", "set", "--interval", "10ms");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("error: VALIDATION_FAILED: interval must be between 1s and 1h");

        var notANumber = admin.run("autoscale", "set", "--high-water", "lots");
        assertThat(notANumber.exit()).isEqualTo(2);

        Corral operator = admin.as(admin.run("keys", "create", "--name", "ops", "--role", "operator").token());
        assertThat(operator.run("autoscale", "show").exit()).isZero();
        var forbidden = operator.run("autoscale", "set", "--enabled", "false");
        assertThat(forbidden.exit()).isEqualTo(1);
        assertThat(forbidden.err()).startsWith("error: FORBIDDEN: ");
    }
}
