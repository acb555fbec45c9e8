package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral keys …} and {@code corral whoami} against a real coordinator. */
class KeysCliTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Corral admin;

    @BeforeAll
    static void start() throws Exception {
        server = Corral.startServer(dir);
        admin = new Corral(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCreatedKeysTokenWorksAndIsPrintedOnceWithAWarning() {
        var created = admin.run("keys", "create", "--name", "ci", "--role", "operator", "--workspace", "default");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).contains("warning").contains("store this token");
        String keyId = created.rows().get(0).get(0);
        assertThat(created.rows().get(0)).containsSequence("ci", "operator", "default");

        String token = created.token();
        var whoami = admin.as(token).run("whoami", "-o", "json");
        assertThat(whoami.exit()).as(whoami.toString()).isZero();
        assertThat(whoami.json().path("id").asText()).isEqualTo(keyId);
        assertThat(whoami.json().path("role").asText()).isEqualTo("operator");

        var registered = admin.as(token).run("nodes", "register", "--id", "by-ci");
        assertThat(registered.exit()).as(registered.toString()).isZero();

        var listed = admin.run("keys", "list", "-o", "json");
        JsonNode key = null;
        for (JsonNode k : listed.json()) {
            if (k.path("id").asText().equals(keyId)) {
                key = k;
            }
        }
        assertThat(key).as(listed.out()).isNotNull();
        assertThat(key.has("token")).isFalse();
        assertThat(listed.out()).doesNotContain(token);
    }

    @Test
    void aViewerKeyMayReadButNotRegister() {
        String viewer = admin.run("keys", "create", "--name", "dashboard", "--role", "viewer").token();

        assertThat(admin.as(viewer).run("nodes", "list").exit()).isZero();
        var register = admin.as(viewer).run("nodes", "register", "--id", "not-allowed");
        assertThat(register.exit()).isEqualTo(1);
        assertThat(register.err()).startsWith("error: FORBIDDEN: ");
        assertThat(admin.run("nodes", "get", "not-allowed").err()).startsWith("error: NODE_NOT_FOUND: ");
    }

    @Test
    void aRevokedKeyStopsWorking() {
        var created = admin.run("keys", "create", "--name", "temp", "--role", "viewer");
        String keyId = created.rows().get(0).get(0);
        Corral temp = admin.as(created.token());
        assertThat(temp.run("whoami").exit()).isZero();

        var revoked = admin.run("keys", "revoke", keyId);
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).isEqualTo("key " + keyId + " revoked\n");

        var after = temp.run("whoami");
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.err()).startsWith("error: UNAUTHORIZED: ");
        assertThat(admin.run("keys", "list").out()).doesNotContain(keyId);
    }

    @Test
    void whoamiInTableFormat() {
        var whoami = admin.run("whoami");

        assertThat(whoami.exit()).as(whoami.toString()).isZero();
        assertThat(whoami.out()).containsPattern("(?m)^role:\\s+admin$").containsPattern("(?m)^workspaces:\\s+\\*$");
    }

    @Test
    void creatingAKeyNeedsNameAndRole() {
        assertThat(admin.run("keys", "create", "--name", "x").exit()).isEqualTo(2);
        var badRole = admin.run("keys", "create", "--name", "x", "--role", "superuser");
        assertThat(badRole.exit()).isEqualTo(1);
        assertThat(badRole.err()).startsWith("error: VALIDATION_FAILED: ").contains("role");
    }
}
