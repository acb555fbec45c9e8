package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where operator commands' option defaults come from. */
class OperatorDefaultsTest {

    private static <T> T parse(T command, Map<String, String> env, Properties file, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new OperatorDefaults(env, new Settings(env, file)));
        cli.parseArgs(args);
        return command;
    }

    private static Properties file(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    @Test
    void serverPrecedenceIsFlagThenCorralUrlThenCorralServerThenFileThenDefault() {
        Map<String, String> both = Map.of("CORRAL_URL", "http://url:1", "CORRAL_SERVER", "http://server:2");
        Properties f = file("server", "http://file:3");

        assertThat(parse(new WhoamiCommand(), both, f, "--server", "http://flag:0").api.server)
                .isEqualTo("http://flag:0");
        assertThat(parse(new WhoamiCommand(), both, f).api.server).isEqualTo("http://url:1");
        assertThat(parse(new WhoamiCommand(), Map.of("CORRAL_SERVER", "http://server:2"), f).api.server)
                .isEqualTo("http://server:2");
        assertThat(parse(new WhoamiCommand(), Map.of(), f).api.server).isEqualTo("http://file:3");
        assertThat(parse(new WhoamiCommand(), Map.of(), new Properties()).api.server)
                .isEqualTo("http://127.0.0.1:4401");
    }

    @Test
    void sharedOptionsComeFromTheEnvironment() {
        Map<String, String> env = Map.of("CORRAL_TOKEN", "crl_a.b", "CORRAL_DATA_DIR", "/var/lib/corral",
                "CORRAL_OUTPUT", "json", "CORRAL_WORKSPACE", "team-a");

        NodesCommand.ListNodes list = parse(new NodesCommand.ListNodes(), env, new Properties());

        assertThat(list.api.token).isEqualTo("crl_a.b");
        assertThat(list.api.dataDir).isEqualTo(Path.of("/var/lib/corral"));
        assertThat(list.api.output).isEqualTo(OutputFormat.JSON);
        assertThat(list.ws.workspace).isEqualTo("team-a");
    }

    @Test
    void perCommandOptionsIgnoreTheEnvironment() {
        Map<String, String> env = Map.of("CORRAL_ROLE", "coordinator", "CORRAL_ID", "x", "CORRAL_PAGE", "3");

        NodesCommand.RegisterNode register = parse(new NodesCommand.RegisterNode(), env, new Properties());
        NodesCommand.ListNodes list = parse(new NodesCommand.ListNodes(), env, new Properties());

        assertThat(register.role).isNull();
        assertThat(register.id).isNull();
        assertThat(list.role).isNull();
        assertThat(list.page).isNull();
        assertThat(list.ws.workspace).isEqualTo("default");
    }
}
