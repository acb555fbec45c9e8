package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral maintenance status|on|off}: cluster maintenance mode, which freezes the re-placement of
 * replicas (leaders still fail over). Switching it needs an admin key.
 */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = "Show or switch cluster maintenance mode (freezes re-placement).",
        subcommands = {MaintenanceCommand.Status.class, MaintenanceCommand.On.class, MaintenanceCommand.Off.class})
final class MaintenanceCommand {

    /** {@code corral maintenance status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show cluster maintenance mode.")
    static final class Status extends ApiCommand {
        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode mode = client.cluster().maintenance();
            printer.result(mode, () -> ShardViews.maintenance(mode));
        }
    }

    /** {@code corral maintenance on --reason TEXT} (admin). */
    @Command(name = "on", mixinStandardHelpOptions = true, description = "Enter cluster maintenance mode (admin).")
    static final class On extends ApiCommand {
        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; 1-500 characters.")
        String reason;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode mode = client.cluster().setMaintenance(true, reason);
            printer.result(mode, () -> ShardViews.maintenance(mode));
        }
    }

    /** {@code corral maintenance off} (admin). */
    @Command(name = "off", mixinStandardHelpOptions = true, description = "Leave cluster maintenance mode (admin).")
    static final class Off extends ApiCommand {
        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode mode = client.cluster().setMaintenance(false, null);
            printer.result(mode, () -> ShardViews.maintenance(mode));
        }
    }
}
