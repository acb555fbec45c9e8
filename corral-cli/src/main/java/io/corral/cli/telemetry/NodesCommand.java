package io.corral.cli.telemetry;

import picocli.CommandLine.Command;

/**
 * {@code corral nodes}: on this branch only {@code nodes metrics}. When merged with the CLI's own
 * {@code nodes} command, {@link NodeMetricsCommand} becomes one of its subcommands and this class goes.
 */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Nodes.",
        subcommands = {NodeMetricsCommand.class})
public final class NodesCommand {
}
