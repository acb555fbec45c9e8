package io.corral.cli;

import io.corral.cli.telemetry.EventsCommand;
import io.corral.cli.telemetry.NodesCommand;
import io.corral.cli.telemetry.WebhooksCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corral} launcher: {@code corral serve} runs a coordinator; the other subcommands are the
 * operator CLI over the REST API.
 */
@Command(name = "corral", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Corral: a control plane for sharded, replicated services.",
        subcommands = {ServeCommand.class, AgentCommand.class, EventsCommand.class, WebhooksCommand.class,
                NodesCommand.class, CommandLine.HelpCommand.class})
public final class CorralCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // gRPC (inside Ratis) logs through java.util.logging; keep it to warnings.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new CorralCli());
        cli.setDefaultValueProvider(Settings.fromEnvironmentAndFile(args));
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
