package io.corral.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corral} launcher: {@code corral serve} runs a coordinator; the other subcommands are the
 * operator CLI over the REST API. Exit codes: 0 success, 1 the server reported an error or could not be
 * reached, 2 a usage error.
 */
@Command(name = "corral", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Corral: a control plane for sharded, replicated services.",
        subcommands = {ServeCommand.class, AgentCommand.class, NodesCommand.class, WorkspacesCommand.class,
                KeysCommand.class, WhoamiCommand.class, ResourcesCommand.class, ShardMapCommand.class,
                MaintenanceCommand.class, AutoscaleCommand.class, EventsCommand.class, WebhooksCommand.class,
                CommandLine.HelpCommand.class})
public final class CorralCli implements Runnable {
    /** The subcommands that talk to a coordinator's REST API. */
    private static final List<String> OPERATOR_COMMANDS = List.of("nodes", "workspaces", "keys", "whoami",
            "resources", "shardmap", "maintenance", "autoscale");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // gRPC (inside Ratis) logs through java.util.logging; keep it to warnings.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args));
    }

    /** Runs the CLI on the process's stdout and stderr and returns its exit code. */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the CLI writing to {@code out} and {@code err} (for tests and embedding) and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new CorralCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        shareVersion(cli, new Version());
        Settings settings = Settings.fromEnvironmentAndFile(args);
        cli.setDefaultValueProvider(settings);
        for (String name : OPERATOR_COMMANDS) {
            cli.getSubcommands().get(name).setDefaultValueProvider(new OperatorDefaults(System.getenv(), settings));
        }
        return cli;
    }

    /** Lets {@code -V} on every subcommand print the launcher's version, not an empty line. */
    private static void shareVersion(CommandLine command, Version version) {
        command.getCommandSpec().versionProvider(version);
        command.getSubcommands().values().forEach(sub -> shareVersion(sub, version));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
