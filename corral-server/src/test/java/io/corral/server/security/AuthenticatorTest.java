package io.corral.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateApiKey;
import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.RevokeApiKey;
import io.corral.server.domain.Role;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Remembered verdicts never outlive the image they were reached in. */
class AuthenticatorTest {
    private final ControllerHarness h = new ControllerHarness();
    private final Authenticator auth = new Authenticator(h.controller::image, false);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aRevokedKeyIsRefusedByTheFirstCheckAfterTheRevocationIsApplied() {
        String token = Tokens.newKeyToken("kops");
        h.run(new CreateApiKey("kops", "ops", Role.OPERATOR, Set.of("*"), Tokens.hash(token)));
        Principal first = auth.resolve(token);
        assertThat(first).isEqualTo(Principal.key("kops", Role.OPERATOR, Set.of("*")));
        assertThat(auth.resolve(token)).isSameAs(first);
        assertThat(auth.resolve(token + "x")).isNull();
        assertThat(auth.resolve(Tokens.newKeyToken("kops"))).isNull();

        h.run(new RevokeApiKey("kops"));
        assertThat(auth.resolve(token)).isNull();
        assertThat(auth.resolve(token)).isNull();
    }

    @Test
    void aRemovedOrReRegisteredNodesOldTokenIsRefusedAtOnce() {
        String first = h.run(new RegisterNode(ControllerHarness.spec("n1"), "s1", false)).token();
        assertThat(auth.resolve(first)).isEqualTo(Principal.node("n1", Workspace.DEFAULT));
        assertThat(auth.resolve(first)).isEqualTo(Principal.node("n1", Workspace.DEFAULT));

        String second = h.run(new RegisterNode(ControllerHarness.spec("n1"), "s2", true)).token();
        assertThat(auth.resolve(first)).isNull();
        assertThat(auth.resolve(second)).isEqualTo(Principal.node("n1", Workspace.DEFAULT));

        h.run(new RemoveNode(Workspace.DEFAULT, "n1", "gone", true));
        assertThat(auth.resolve(second)).isNull();
    }

    @Test
    void aNodeLookupThroughTheSharedMemoNeverVouchesForAToken() {
        NodeMemo memo = new NodeMemo();
        Authenticator shared = new Authenticator(h.controller::image, false, memo);
        String token = h.run(new RegisterNode(ControllerHarness.spec("n1"), "s1", false)).token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + Tokens.newSecret();
        assertThat(memo.node(h.image(), "n1")).isNotNull();
        assertThat(shared.resolve(forged)).isNull();
        assertThat(shared.resolve(token)).isEqualTo(Principal.node("n1", Workspace.DEFAULT));
        assertThat(memo.node(h.image(), "n1")).isSameAs(h.image().nodes().get("n1"));
        assertThat(shared.resolve(forged)).as("verified once, another secret still fails").isNull();
        assertThat(shared.resolve(token)).isEqualTo(Principal.node("n1", Workspace.DEFAULT));
    }
}
