package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral workspaces …} against a real coordinator. */
class WorkspacesCliTest {
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
    void createListGetDelete() {
        var created = admin.run("workspaces", "create", "team-a", "--name", "TeamA", "--region", "eu-west",
                "--label", "env=dev");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.rows()).containsExactly(List.of("team-a", "TeamA", "eu-west", "env=dev",
                created.rows().get(0).get(4)));

        var list = admin.run("workspaces", "list");
        assertThat(list.rows()).extracting(r -> r.get(0)).contains("default", "team-a");

        var get = admin.run("workspaces", "get", "team-a", "-o", "json");
        assertThat(get.json().path("region").asText()).isEqualTo("eu-west");
        assertThat(get.json().path("labels").path("env").asText()).isEqualTo("dev");

        var deleted = admin.run("workspaces", "delete", "team-a");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).isEqualTo("workspace team-a deleted\n");

        var gone = admin.run("workspaces", "get", "team-a");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).startsWith("error: WORKSPACE_NOT_FOUND: ");
    }

    @Test
    void aWorkspaceWithNodesCannotBeDeleted() {
        admin.run("workspaces", "create", "busy");
        admin.run("nodes", "register", "-w", "busy", "--id", "busy-1");

        var delete = admin.run("workspaces", "delete", "busy");

        assertThat(delete.exit()).isEqualTo(1);
        assertThat(delete.err()).startsWith("error: WORKSPACE_NOT_EMPTY: ");
        assertThat(admin.run("workspaces", "get", "busy").exit()).isZero();
    }

    @Test
    void aDuplicateIsAConflict() {
        var again = admin.run("workspaces", "create", "default");

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: WORKSPACE_ALREADY_EXISTS: ");
    }
}
