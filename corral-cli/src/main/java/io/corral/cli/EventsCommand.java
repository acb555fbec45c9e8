package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.client.CorralClientException;
import io.corral.client.EventQuery;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code corral events list|watch}: a workspace's events, listed newest first or followed live. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "List or watch cluster events.",
        subcommands = {EventsCommand.ListEvents.class, EventsCommand.WatchEvents.class})
final class EventsCommand {
    /** The pause before reconnecting a stream the server ended. */
    static final long RECONNECT_DELAY_MS = 1_000;

    /** The filters both subcommands accept. */
    static final class Filters {
        @Option(names = "--type", paramLabel = "TYPE", description = "Normal or Warning.")
        String type;

        @Option(names = "--source", paramLabel = "SOURCE", description = "Event source, e.g. corral.")
        String source;

        @Option(names = "--node", paramLabel = "ID", description = "Only events of this node.")
        String node;

        EventQuery query() {
            return EventQuery.all().withType(type).withSource(source).withNodeId(node);
        }
    }

    /** {@code corral events list}: events newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List events, newest first.")
    static final class ListEvents extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Mixin
        Filters filters;

        @Option(names = "--since", paramLabel = "DURATION", description = "Only events this recent, e.g. 30m, 2h.")
        String since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most this many, 1-1000 (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void run(CorralClient client, Printer printer) {
            List<JsonNode> events = client.events().list(ws.workspace,
                    filters.query().withSince(since).withLimit(limit));
            printer.result(events, () -> TelemetryViews.events(events));
        }
    }

    /**
     * {@code corral events watch}: one line per event as it happens (JSON Lines with {@code -o json}) until
     * interrupted; when the server ends the stream it reconnects after the last event seen, so none is missed.
     */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Print events as they happen (Server-Sent Events) until interrupted.")
    static final class WatchEvents extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Mixin
        Filters filters;

        @Override
        void run(CorralClient client, Printer printer) {
            printer.note("watching the events of workspace " + ws.workspace);
            String lastId = null;
            while (true) {
                lastId = client.events().stream(ws.workspace, filters.query(), lastId, event -> {
                    printer.event(event, TelemetryViews.eventLine(event));
                    return true;
                });
                printer.note("the server ended the stream; reconnecting after event " + lastId);
                try {
                    Thread.sleep(RECONNECT_DELAY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CorralClientException("interrupted while reconnecting", e);
                }
            }
        }
    }
}
