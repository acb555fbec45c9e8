package io.corral.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentIdentityTest {
    @TempDir
    Path dir;

    @Test
    void survivesARestartWithItsTokenAndServingModeAndIsPrivate() throws Exception {
        assertThat(AgentIdentity.load(dir)).isNull();
        new AgentIdentity("web-1", "crn_web-1.secret", false, "disk swap").save(dir);
        AgentIdentity back = AgentIdentity.load(dir);
        assertThat(back).isEqualTo(new AgentIdentity("web-1", "crn_web-1.secret", false, "disk swap"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentIdentity.FILE))))
                .isEqualTo("rw-------");
        back.withToken(null).save(dir);
        assertThat(AgentIdentity.load(dir).nodeToken()).isNull();
    }

    @Test
    void generatedNodeIdsFollowTheNodeIdRule() {
        String id = NodeAgent.newNodeId();
        assertThat(id).matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}").matches(".*-[0-9a-f]{8}");
    }
}
