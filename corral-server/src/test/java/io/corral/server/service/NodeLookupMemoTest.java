package io.corral.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memo answers as {@code NodeLookup.require} does for the image it is given. */
class NodeLookupMemoTest {
    private final ControllerHarness h = new ControllerHarness();
    private final NodeLookupMemo memo = new NodeLookupMemo();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void answersForTheImageItIsGiven() {
        h.register("n1");
        var image = h.image();
        assertThat(memo.require(image, Workspace.DEFAULT, "n1")).isSameAs(image.nodes().get("n1"));
        assertThat(memo.require(image, Workspace.DEFAULT, "n1")).isSameAs(image.nodes().get("n1"));
        assertThatThrownBy(() -> memo.require(image, "elsewhere", "n1"))
                .isInstanceOfSatisfying(CorralException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_NOT_FOUND));
        assertThat(memo.require(image, null, "n1")).as("found without a workspace, remembered for its own")
                .isSameAs(image.nodes().get("n1"));
        assertThat(memo.require(image, Workspace.DEFAULT, "n1")).isSameAs(image.nodes().get("n1"));
        assertThatThrownBy(() -> memo.require(image, "elsewhere", "n1"))
                .isInstanceOfSatisfying(CorralException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_NOT_FOUND));

        h.run(new SetNodeStatus(Workspace.DEFAULT, "n1", Lifecycle.MAINTENANCE, "test"));
        assertThat(memo.require(h.image(), Workspace.DEFAULT, "n1").status()).isEqualTo(Lifecycle.MAINTENANCE);
        assertThat(memo.require(h.image(), null, "n1").status()).isEqualTo(Lifecycle.MAINTENANCE);

        h.run(new RemoveNode(Workspace.DEFAULT, "n1", "gone", true));
        assertThatThrownBy(() -> memo.require(h.image(), Workspace.DEFAULT, "n1"))
                .isInstanceOfSatisfying(CorralException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_NOT_FOUND));
        assertThat(memo.require(image, Workspace.DEFAULT, "n1")).as("an older image still answers for itself")
                .isSameAs(image.nodes().get("n1"));
    }
}
