package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code corral shardmap …}: show, watch, plan and apply the shard map of a workspace. */
@Command(name = "shardmap", mixinStandardHelpOptions = true, description = "Show, watch and plan the shard map.",
        subcommands = {ShardMapCommand.Show.class, ShardMapWatchCommand.class, ShardMapPlanCommand.class,
                ShardMapCommand.Apply.class})
final class ShardMapCommand {

    /** {@code corral shardmap show [--resource ID]}: one row per shard with its leader and followers. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the workspace's shard map, or one resource's, one row per shard.")
    static final class Show extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Option(names = "--resource", paramLabel = "ID", description = "Only this resource's map.")
        String resourceId;

        @Override
        void run(CorralClient client, Printer printer) {
            if (resourceId != null) {
                JsonNode map = client.resources().map(ws.workspace, resourceId);
                printer.result(map, () -> ShardViews.shards(List.of(map), map.path("version").asLong()));
                return;
            }
            JsonNode map = client.shardMap().get(ws.workspace);
            List<JsonNode> resources = new ArrayList<>();
            map.path("resources").forEach(resources::add);
            printer.result(map, () -> ShardViews.shards(resources, map.path("version").asLong()));
        }
    }

    /** {@code corral shardmap apply}: places the workspace now and writes the changes to the map. */
    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Place the workspace's resources now (what plan without changes shows).")
    static final class Apply extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode applied = client.shardMap().apply(ws.workspace);
            printer.result(applied, () -> "applied; workspace " + Views.text(applied, "workspace_id")
                    + " is at map version " + Views.text(applied, "version") + "\n");
        }
    }
}
