package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.client.Page;
import io.corral.client.ResourceDefinition;
import io.corral.client.ResourceUpdate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral resources …}: list, show, create, update and delete the sharded resources of a workspace. */
@Command(name = "resources", mixinStandardHelpOptions = true,
        description = "Manage the sharded resources of a workspace.",
        subcommands = {ResourcesCommand.ListResources.class, ResourcesCommand.GetResource.class,
                ResourcesCommand.CreateResource.class, ResourcesCommand.UpdateResource.class,
                ResourcesCommand.DeleteResource.class})
final class ResourcesCommand {

    /** {@code corral resources list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List resources.")
    static final class ListResources extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Override
        void run(CorralClient client, Printer printer) {
            Page all = client.resources().list(ws.workspace);
            printer.result(all.items(), () -> ShardViews.resources(all.items()));
        }
    }

    /** {@code corral resources get ID}: every field of one resource. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one resource.")
    static final class GetResource extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Resource id.")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode resource = client.resources().get(ws.workspace, id);
            printer.result(resource, () -> ShardViews.resource(resource));
        }
    }

    /** {@code corral resources create ID}: creates a resource, which the coordinator places at once. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a resource.")
    static final class CreateResource extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Resource id, e.g. mydb.cpu.")
        String id;

        @Option(names = "--kind", paramLabel = "KIND", description = "What it is, e.g. table (server default).")
        String kind;

        @Option(names = "--routing", paramLabel = "ROUTING",
                description = "partitioned (server default) or rendezvous.")
        String routing;

        @Mixin
        ResourceSettings settings;

        @Override
        void run(CorralClient client, Printer printer) {
            ResourceDefinition definition = new ResourceDefinition(id).kind(kind).routing(routing);
            settings.applyTo(definition);
            JsonNode created = client.resources().create(ws.workspace, definition);
            printer.result(created, () -> ShardViews.resources(List.of(created)));
        }
    }

    /** {@code corral resources update ID}: changes only the settings given. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a resource's settings (only those given).")
    static final class UpdateResource extends ApiCommand {
        /** The settings {@code --clear} can empty, named as the API's fields. */
        enum Clearable {
            SHARD_KEYS,
            TIME_SLICE,
            NODE_SELECTOR,
            TOLERATIONS
        }

        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Resource id.")
        String id;

        @Mixin
        ResourceSettings settings;

        @Option(names = "--clear", split = ",", paramLabel = "FIELD",
                description = "Empty a setting (repeatable): shard_keys, time_slice, node_selector, tolerations.")
        Set<Clearable> clear;

        @Override
        void run(CorralClient client, Printer printer) {
            ResourceUpdate update = new ResourceUpdate();
            settings.applyTo(update);
            Set<Clearable> cleared = clear == null ? EnumSet.noneOf(Clearable.class) : EnumSet.copyOf(clear);
            for (Clearable field : cleared) {
                String name = field.name().toLowerCase(Locale.ROOT);
                if (update.toJson().has(name)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--clear " + name + " contradicts the value given for it");
                }
                switch (field) {
                    case SHARD_KEYS -> update.shardKeys(List.of());
                    case TIME_SLICE -> update.clearTimeSlice();
                    case NODE_SELECTOR -> update.nodeSelector(Map.of());
                    case TOLERATIONS -> update.tolerations(List.of());
                }
            }
            if (update.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "nothing to update: give at least one setting or --clear");
            }
            JsonNode updated = client.resources().update(ws.workspace, id, update);
            printer.result(updated, () -> ShardViews.resources(List.of(updated)));
        }
    }

    /** {@code corral resources delete ID}: deletes the resource and its map. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a resource and its map.")
    static final class DeleteResource extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Resource id.")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            client.resources().delete(ws.workspace, id);
            printer.line("resource " + id + " deleted");
        }
    }
}
