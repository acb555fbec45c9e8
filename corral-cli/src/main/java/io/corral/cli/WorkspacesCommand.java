package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.client.Page;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral workspaces …}: list, show, create and delete workspaces. */
@Command(name = "workspaces", mixinStandardHelpOptions = true, description = "Manage workspaces.",
        subcommands = {WorkspacesCommand.ListWorkspaces.class, WorkspacesCommand.GetWorkspace.class,
                WorkspacesCommand.CreateWorkspace.class, WorkspacesCommand.DeleteWorkspace.class})
final class WorkspacesCommand {

    /** {@code corral workspaces list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List workspaces.")
    static final class ListWorkspaces extends ApiCommand {
        @Override
        void run(CorralClient client, Printer printer) {
            Page all = client.workspaces().list();
            printer.result(all.items(), () -> Views.workspaces(all.items()));
        }
    }

    /** {@code corral workspaces get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one workspace.")
    static final class GetWorkspace extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "Workspace id.")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode ws = client.workspaces().get(id);
            printer.result(ws, () -> Views.workspaces(List.of(ws)));
        }
    }

    /** {@code corral workspaces create ID}: admin only. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace (admin).")
    static final class CreateWorkspace extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "Workspace id.")
        String id;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
        String name;

        @Option(names = "--region", paramLabel = "REGION", description = "Region.")
        String region;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label (repeatable).")
        Map<String, String> labels;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode ws = client.workspaces().create(id, name, region, labels);
            printer.result(ws, () -> Views.workspaces(List.of(ws)));
        }
    }

    /** {@code corral workspaces delete ID}: admin only; refused while the workspace holds nodes. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an empty workspace (admin).")
    static final class DeleteWorkspace extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "Workspace id.")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            client.workspaces().delete(id);
            printer.line("workspace " + id + " deleted");
        }
    }
}
