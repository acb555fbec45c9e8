package io.corral.cli.telemetry;

import picocli.CommandLine.Model.CommandSpec;

/** Runs a command body, turning a {@link CliFailure} into {@code corral: <message>} on stderr and exit code 1. */
final class Run {
    private Run() {
    }

    static int safely(CommandSpec spec, Runnable body) {
        try {
            body.run();
            return 0;
        } catch (CliFailure e) {
            spec.commandLine().getErr().println("corral: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
