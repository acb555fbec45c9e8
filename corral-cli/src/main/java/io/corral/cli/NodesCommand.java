package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.client.Issued;
import io.corral.client.NodeQuery;
import io.corral.client.NodeRegistration;
import io.corral.client.Page;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral nodes …}: list, inspect, register, remove and switch maintenance of the nodes of a workspace. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Manage the nodes of a workspace.",
        subcommands = {NodesCommand.ListNodes.class, NodesCommand.GetNode.class, NodesCommand.RegisterNode.class,
                NodesCommand.RemoveNode.class, NodesCommand.Maintenance.class,
                NodeMetricsCommand.class})
final class NodesCommand {

    /** {@code corral nodes list}: one page of nodes, filtered; says on stderr when more pages exist. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List nodes (one page).")
    static final class ListNodes extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Option(names = "--status", split = ",", paramLabel = "STATUS",
                description = "Only these statuses (repeatable or comma-separated), e.g. active,maintenance.")
        List<String> statuses;

        @Option(names = "--role", paramLabel = "ROLE", description = "Only this role.")
        String role;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Only nodes with this label (repeatable).")
        Map<String, String> labels;

        @Option(names = "--zone", paramLabel = "ZONE", description = "Only this zone.")
        String zone;

        @Option(names = "--search", paramLabel = "TEXT", description = "Only ids or names containing TEXT.")
        String search;

        @Option(names = "--page", paramLabel = "N", description = "Page number, from 1.")
        Integer page;

        @Option(names = "--per-page", paramLabel = "N", description = "Nodes per page, at most 100.")
        Integer perPage;

        @Override
        void run(CorralClient client, Printer printer) {
            NodeQuery query = NodeQuery.all().withStatuses(statuses).withRole(role).withLabels(labels).withZone(zone)
                    .withSearch(search).withPage(page, perPage);
            Page result = client.nodes().list(ws.workspace, query);
            printer.result(result.items(), () -> Views.nodes(result.items()));
            if (result.hasMore()) {
                printer.note("page " + result.page() + " of " + result.pages() + " (" + result.total()
                        + " nodes); next: --page " + (result.page() + 1));
            }
        }
    }

    /** {@code corral nodes get ID}: every field of one node. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one node.")
    static final class GetNode extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Node id.")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode node = client.nodes().get(ws.workspace, id);
            printer.result(node, () -> Views.node(node));
        }
    }

    /** {@code corral nodes register}: registers a node and prints it with its token, shown only once. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a node; prints its token once.")
    static final class RegisterNode extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Option(names = "--id", paramLabel = "ID", description = "Node id (default: chosen by the server).")
        String id;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", description = "Role, e.g. worker, proxy, cache.")
        String role;

        @Option(names = "--url", paramLabel = "URL", description = "The node's URL, e.g. http://10.0.0.7:8080.")
        String url;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label (repeatable).")
        Map<String, String> labels;

        @Option(names = "--zone", paramLabel = "ZONE", description = "Zone.")
        String zone;

        @Option(names = "--region", paramLabel = "REGION", description = "Region.")
        String region;

        @Override
        void run(CorralClient client, Printer printer) {
            NodeRegistration registration = new NodeRegistration(id).name(name).role(role).url(url).zone(zone)
                    .region(region);
            if (labels != null) {
                registration.labels(labels);
            }
            Issued issued = client.nodes().register(ws.workspace, registration);
            printer.result(issued.data(), () -> Views.nodes(List.of(issued.data())));
            printer.line("");
            printer.line("token: " + issued.token());
            printer.note("warning: this is the node's own token and is shown only once; store it now.");
        }
    }

    /** {@code corral nodes remove ID}: removes a node from the cluster. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a node.")
    static final class RemoveNode extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Node id.")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the event log.")
        String reason;

        @Override
        void run(CorralClient client, Printer printer) {
            client.nodes().remove(ws.workspace, id, reason);
            printer.line("node " + id + " removed");
        }
    }

    /** {@code corral nodes maintenance ID on|off}: takes a node out of service or back. */
    @Command(name = "maintenance", mixinStandardHelpOptions = true,
            description = "Put a node into maintenance (on) or take it out (off).")
    static final class Maintenance extends ApiCommand {
        /** The two positions of the maintenance switch. */
        enum Switch {
            ON,
            OFF
        }

        @Mixin
        WorkspaceOption ws;

        @Parameters(index = "0", paramLabel = "ID", description = "Node id.")
        String id;

        @Parameters(index = "1", paramLabel = "on|off", description = "on or off.")
        Switch state;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; shown as the node's status reason.")
        String reason;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode node = client.nodes().setMaintenance(ws.workspace, id, state == Switch.ON, reason);
            printer.result(node, () -> Views.nodes(List.of(node)));
        }
    }
}
