package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.it.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the server and the token: --server, --token, --data-dir's admin.token, and what fails how. */
class ConnectionCliTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = Corral.startServer(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theAdminTokenIsReadFromTheDataDirectory() {
        var list = Corral.raw("nodes", "list", "--server", server.url(), "--data-dir", dir.resolve("data").toString());

        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.rows()).extracting(r -> r.get(2)).contains("coordinator");
    }

    @Test
    void withoutAnyTokenTheServerRefusesAndTheCliSaysWhy() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        var list = Corral.raw("nodes", "list", "--server", server.url(), "--data-dir", empty.toString());

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).startsWith("error: UNAUTHORIZED: ").contains("hint: no token given")
                .contains(empty.resolve("admin.token").toString());
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        var list = new Corral(server.url(), "crl_nope.nope").run("nodes", "list");

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).startsWith("error: UNAUTHORIZED: ").doesNotContain("hint");
    }

    @Test
    void aMissingServerIsAClearErrorNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        var list = new Corral(url, server.adminToken()).run("nodes", "list");

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.out()).isEmpty();
        assertThat(list.err()).isEqualTo("error: cannot connect to Corral at " + url + " (connection refused)\n");
    }

    @Test
    void aServerThatIsNotAUrlIsAUsageError() {
        var list = Corral.raw("nodes", "list", "--server", "127.0.0.1:4401", "--token", server.adminToken());

        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err()).startsWith("--server: '127.0.0.1:4401' is not an http(s) server URL");
    }
}
