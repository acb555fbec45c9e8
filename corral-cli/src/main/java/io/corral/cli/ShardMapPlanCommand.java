package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.client.WhatIf;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral shardmap plan}: what placement would do if nodes were added, removed or disabled, zones
 * went down or resources had other partition counts or replication factors. Changes nothing.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what placement would do under hypothetical changes; changes nothing.")
final class ShardMapPlanCommand extends ApiCommand {
    /** Moves listed in table format unless {@code --all}. */
    static final int MOVES_SHOWN = 50;

    @Mixin
    WorkspaceOption ws;

    @Option(names = "--add-node", paramLabel = "ID[:ZONE[:WEIGHT]]", converter = AddedNode.Converter.class,
            description = "A node to add, active (repeatable).")
    List<AddedNode> addNodes;

    @Option(names = "--remove-node", paramLabel = "ID", description = "A node gone (repeatable).")
    List<String> removeNodes;

    @Option(names = "--disable-node", paramLabel = "ID",
            description = "A node keeping its replicas but receiving none (repeatable).")
    List<String> disableNodes;

    @Option(names = "--zone-down", paramLabel = "ZONE", description = "A zone whose nodes are all gone (repeatable).")
    List<String> zonesDown;

    @Option(names = "--partitions", paramLabel = "RESOURCE=N", description = "Another partition count (repeatable).")
    Map<String, Integer> partitions;

    @Option(names = "--replication", paramLabel = "RESOURCE=N",
            description = "Another replication factor (repeatable).")
    Map<String, Integer> replication;

    @Option(names = "--all", description = "List every move (default: the first " + MOVES_SHOWN + ").")
    boolean all;

    @Override
    void run(CorralClient client, Printer printer) {
        WhatIf whatIf = new WhatIf();
        orEmpty(addNodes).forEach(n -> whatIf.addNode(n.id(), n.zone(), n.capacityWeight()));
        orEmpty(removeNodes).forEach(whatIf::removeNode);
        orEmpty(disableNodes).forEach(whatIf::disableNode);
        orEmpty(zonesDown).forEach(whatIf::zoneDown);
        orEmpty(partitions).forEach(whatIf::partitions);
        orEmpty(replication).forEach(whatIf::replicationFactor);
        JsonNode plan = client.shardMap().plan(ws.workspace, whatIf);
        printer.result(plan, () -> ShardViews.plan(plan, all ? -1 : MOVES_SHOWN));
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static Map<String, Integer> orEmpty(Map<String, Integer> values) {
        return values == null ? Map.of() : values;
    }
}
