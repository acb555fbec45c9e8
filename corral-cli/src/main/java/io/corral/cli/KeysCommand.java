package io.corral.cli;

import io.corral.client.CorralClient;
import io.corral.client.Issued;
import io.corral.client.Page;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral keys …}: create, list and revoke API keys (needs an admin key). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys (admin).",
        subcommands = {KeysCommand.CreateKey.class, KeysCommand.ListKeys.class, KeysCommand.RevokeKey.class})
final class KeysCommand {

    /** {@code corral keys create}: prints the new key and its token, which is never shown again. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key; prints its token once.")
    static final class CreateKey extends ApiCommand {
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "What the key is for, e.g. ci-deploy.")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "viewer, operator or admin.")
        String role;

        @Option(names = "--workspace", paramLabel = "WS",
                description = "A workspace the key may act in (repeatable; default: all, '*').")
        List<String> workspaces;

        @Override
        void run(CorralClient client, Printer printer) {
            Issued issued = client.keys().create(name, role, workspaces);
            printer.result(issued.data(), () -> Views.keys(List.of(issued.data())));
            printer.line("");
            printer.line("token: " + issued.token());
            printer.note("warning: store this token now; Corral keeps only its hash and cannot show it again.");
        }
    }

    /** {@code corral keys list}: every key, without tokens. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys.")
    static final class ListKeys extends ApiCommand {
        @Override
        void run(CorralClient client, Printer printer) {
            Page keys = client.keys().list();
            printer.result(keys.items(), () -> Views.keys(keys.items()));
        }
    }

    /** {@code corral keys revoke ID}: the key's token stops working at once. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key.")
    static final class RevokeKey extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "Key id (see keys list).")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            client.keys().revoke(id);
            printer.line("key " + id + " revoked");
        }
    }
}
