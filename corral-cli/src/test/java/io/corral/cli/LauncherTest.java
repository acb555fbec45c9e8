package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher's own behaviour, no server needed: help, version, the command tree. */
class LauncherTest {

    @Test
    void everySubcommandPrintsTheVersion() {
        assertThat(Corral.raw("-V").out()).startsWith("corral ");
        for (String[] args : new String[][] {{"nodes", "-V"}, {"nodes", "list", "-V"}, {"keys", "create", "-V"},
                {"serve", "-V"}}) {
            var r = Corral.raw(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).isEqualTo(Corral.raw("-V").out());
        }
    }

    @Test
    void helpListsTheOperatorCommands() {
        var help = Corral.raw("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("serve", "nodes", "workspaces", "keys", "whoami");
        assertThat(Corral.raw("help", "nodes").out()).contains("list", "get", "register", "remove", "maintenance");
    }
}
