package io.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only paths that need no normalising or decoding match; everything else is left to the router. */
class PathTemplateTest {
    private final PathTemplate heartbeat = new PathTemplate("/api/v1/workspaces/:ws/nodes/:id/heartbeat");

    @Test
    void matchesThePlainShapeAndReturnsTheParametersInOrder() {
        assertThat(heartbeat.match("/api/v1/workspaces/default/nodes/node-00042/heartbeat"))
                .containsExactly("default", "node-00042");
        assertThat(heartbeat.match("/api/v1/workspaces/w_1/nodes/a.b:c~d/heartbeat")).containsExactly("w_1", "a.b:c~d");
        assertThat(heartbeat.match("/api/v1/workspaces/w/nodes/.../heartbeat")).containsExactly("w", "...");
        assertThat(new PathTemplate("/api/cluster/heartbeat/:nodeId").match("/api/cluster/heartbeat/x"))
                .isEqualTo(List.of("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/workspaces/default/nodes/n1/heartbeat/",
        "/api/v1/workspaces/default/nodes/n1/heartbeats",
        "/api/v1/workspaces/default/nodes/n1/Heartbeat",
        "/api/v1/workspaces/default/nodes/n%31/heartbeat",
        "/api/v1/workspaces/default/nodes/n+1/heartbeat",
        "/api/v1/workspaces/default/nodes//heartbeat",
        "/api/v1/workspaces//nodes/n1/heartbeat",
        "/api/v1/workspaces/default/nodes/./heartbeat",
        "/api/v1/workspaces/default/nodes/../heartbeat",
        "/api/v1/workspaces/default/nodes/n1/../n2/heartbeat",
        "//api/v1/workspaces/default/nodes/n1/heartbeat",
        "/api/v1/workspaces/default/nodes/n1",
        "/api/v1/workspaces/default/nodes/n1/heartbeat/extra",
        "/api/v2/workspaces/default/nodes/n1/heartbeat",
        "api/v1/workspaces/default/nodes/n1/heartbeat",
        "/api/v1/workspaces/déf/nodes/n1/heartbeat",
        "",
        "/"
    })
    void leavesEveryOtherPathToTheRouter(String path) {
        assertThat(heartbeat.match(path)).isNull();
    }
}
