package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsecureModeTest {
    @TempDir
    Path dir;

    @Test
    void everyRequestIsAdminWithoutAToken() throws Exception {
        try (TestServer s = TestServer.start(dir, 1_000, 3_000, true)) {
            var r = s.call("POST", "/api/v1/workspaces/default/nodes", Map.of("id", "dev-1"), null);
            assertThat(r.status()).isEqualTo(201);
            assertThat(s.call("GET", "/api/v1/whoami", null, null).json().at("/data/actor").asText())
                    .isEqualTo("anonymous");
        }
    }
}
