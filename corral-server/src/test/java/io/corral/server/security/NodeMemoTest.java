package io.corral.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memo answers what the image it is given says, and a verified token only for that very image. */
class NodeMemoTest {
    private final ControllerHarness h = new ControllerHarness();
    private final NodeMemo memo = new NodeMemo();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void answersTheNodeOfTheImageItIsGiven() {
        h.register("n1");
        var image = h.image();
        assertThat(memo.node(image, "n1")).isSameAs(image.nodes().get("n1"));
        assertThat(memo.node(image, "n1")).isSameAs(image.nodes().get("n1"));
        assertThat(memo.node(image, "nobody")).isNull();

        h.run(new SetNodeStatus(Workspace.DEFAULT, "n1", Lifecycle.MAINTENANCE, "test"));
        assertThat(memo.node(h.image(), "n1").status()).isEqualTo(Lifecycle.MAINTENANCE);

        h.run(new RemoveNode(Workspace.DEFAULT, "n1", "gone", true));
        assertThat(memo.node(h.image(), "n1")).isNull();
        assertThat(memo.node(image, "n1")).as("an older image still answers for itself")
                .isSameAs(image.nodes().get("n1"));
    }

    @Test
    void aVerifiedTokenIsRepeatedOnlyForTheSameTokenAndTheSameImage() {
        String token = h.run(new RegisterNode(ControllerHarness.spec("n1"), "s1", false)).token();
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        var image = h.image();
        Principal p = Principal.node("n1", Workspace.DEFAULT);
        assertThat(memo.verified(image, "n1", bytes)).as("nothing verified yet").isNull();
        assertThat(memo.node(image, "n1")).isNotNull();
        assertThat(memo.verified(image, "n1", bytes)).as("a lookup is not a verification").isNull();

        memo.verified(image, image.nodes().get("n1"), bytes, p);
        assertThat(memo.verified(image, "n1", bytes)).isSameAs(p);
        assertThat(memo.node(image, "n1")).as("the lookup reads the same entry").isSameAs(image.nodes().get("n1"));
        assertThat(memo.verified(image, "n1", bytes)).as("and leaves the verification").isSameAs(p);
        assertThat(memo.verified(image, "n1", (token + "x").getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(memo.verified(image, "n2", bytes)).isNull();

        h.register("n2");
        assertThat(memo.verified(h.image(), "n1", bytes)).as("any write moves the index").isNull();
        assertThat(memo.node(h.image(), "n1")).isSameAs(h.image().nodes().get("n1"));
        assertThat(memo.verified(h.image(), "n1", bytes)).as("a lookup in the new image is no verification")
                .isNull();
    }
}
