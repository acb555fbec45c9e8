package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.it.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral maintenance …} (cluster maintenance mode) against a real coordinator. */
class MaintenanceCliTest {
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
    void onAndOffRoundTrip() {
        var before = admin.run("maintenance", "status");
        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.out()).containsPattern("(?m)^enabled:\\s+false$").containsPattern("(?m)^reason:\\s+-$");

        var on = admin.run("maintenance", "on", "--reason", "rack move");
        assertThat(on.exit()).as(on.toString()).isZero();
        assertThat(on.out()).containsPattern("(?m)^enabled:\\s+true$").containsPattern("(?m)^reason:\\s+rack move$");
        var status = admin.run("maintenance", "status", "-o", "json").json();
        assertThat(status.path("enabled").asBoolean()).isTrue();
        assertThat(status.path("reason").asText()).isEqualTo("rack move");
        assertThat(status.path("by").asText()).isNotEmpty();
        assertThat(status.path("since").isTextual()).isTrue();
        assertThat(admin.run("shardmap", "show", "-o", "json").json().path("maintenance").path("enabled")
                .asBoolean()).isTrue();

        var off = admin.run("maintenance", "off");
        assertThat(off.exit()).as(off.toString()).isZero();
        assertThat(off.out()).containsPattern("(?m)^enabled:\\s+false$");
        assertThat(admin.run("maintenance", "status", "-o", "json").json().path("enabled").asBoolean()).isFalse();
    }

    @Test
    void switchingNeedsAReasonAndAnAdmin() {
        var noReason = admin.run("maintenance", "on");
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");

        var blank = admin.run("maintenance", "on", "--reason", " ");
        assertThat(blank.exit()).isEqualTo(1);
        assertThat(blank.err()).startsWith("error: VALIDATION_FAILED: ");

        Corral operator = admin.as(admin.run("keys", "create", "--name", "ops", "--role", "operator").token());
        assertThat(operator.run("maintenance", "status").exit()).isZero();
        var forbidden = operator.run("maintenance", "on", "--reason", "not mine");
        assertThat(forbidden.exit()).isEqualTo(1);
        assertThat(forbidden.err()).startsWith("error: FORBIDDEN: ");
        assertThat(admin.run("maintenance", "status", "-o", "json").json().path("enabled").asBoolean()).isFalse();
    }
}
