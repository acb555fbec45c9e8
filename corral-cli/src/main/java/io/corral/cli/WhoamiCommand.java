package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import picocli.CommandLine.Command;

/** {@code corral whoami}: which key (or node) the token belongs to, its role and workspaces. */
@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show who the token belongs to.")
final class WhoamiCommand extends ApiCommand {
    @Override
    void run(CorralClient client, Printer printer) {
        JsonNode caller = client.whoami();
        printer.result(caller, () -> Views.caller(caller));
    }
}
