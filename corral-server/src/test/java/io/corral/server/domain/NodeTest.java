package io.corral.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTest {
    @Test
    void nodesOfOneWorkspaceShareOneCopyOfItsName() {
        Node a = node("a", new String("team-a".toCharArray()));
        Node b = node("b", new String("team-a".toCharArray()));
        assertThat(a.workspace()).isEqualTo("team-a").isSameAs(b.workspace());
        assertThat(a.withStatus(Lifecycle.MAINTENANCE, null, "x", 2).workspace()).isSameAs(b.workspace());
        assertThat(node("c", null).workspace()).isNull();
    }

    private static Node node(String id, String workspace) {
        return new Node(id, 1, workspace, id, "worker", null, Map.of(), List.of(), null, null, 1.0,
                Lifecycle.ACTIVE, null, null, Map.of(), null, null, null, true, "hash", 1, 1, 1);
    }
}
