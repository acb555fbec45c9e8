package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.client.CorralClientException;
import io.corral.client.IndexedMap;
import io.corral.client.MapEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral shardmap watch}: one line per new version of the workspace's map, until interrupted or
 * {@code --count} versions have been printed. By default it long-polls (several changes between two polls
 * show as one line, the latest version); {@code --sse} follows the event stream instead, one line per
 * change, and reconnects after the last event seen when the server ends the stream. With {@code -o json}
 * each line is the JSON of the map (long-poll) or of the change (SSE).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print one line per new map version until interrupted (or --count versions).")
final class ShardMapWatchCommand extends ApiCommand {
    /** How long each long-poll may wait for a change. */
    static final long POLL_WAIT_MS = 30_000;
    /** The pause before reconnecting a stream the server ended. */
    static final long RECONNECT_DELAY_MS = 1_000;

    @Mixin
    WorkspaceOption ws;

    @Option(names = "--sse", description = "Follow the Server-Sent Events stream instead of long-polling.")
    boolean sse;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N new versions.")
    Integer count;

    @Override
    void run(CorralClient client, Printer printer) {
        if (count != null && count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (sse) {
            stream(client, printer);
        } else {
            poll(client, printer);
        }
    }

    private boolean more(int printed) {
        return count == null || printed < count;
    }

    private void poll(CorralClient client, Printer printer) {
        long index = client.shardMap().get(ws.workspace).path("version").asLong();
        printer.note("watching workspace " + ws.workspace + " from map version " + index);
        int printed = 0;
        while (more(printed)) {
            IndexedMap next = client.shardMap().watch(ws.workspace, index, POLL_WAIT_MS);
            if (next.index() != index) {
                printer.event(next.map(), ShardViews.mapLine(next.map()));
                index = next.index();
                printed++;
            }
        }
    }

    private void stream(CorralClient client, Printer printer) {
        StreamState state = new StreamState();
        String lastId = null;
        while (more(state.printed)) {
            lastId = client.shardMap().stream(ws.workspace, lastId, event -> {
                state.take(event, printer);
                return more(state.printed);
            });
            if (more(state.printed)) {
                printer.note("the server ended the stream; reconnecting after version " + lastId);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorralClientException("interrupted while reconnecting", e);
        }
    }

    /** What the stream has shown so far: the version last seen and the lines printed. */
    private final class StreamState {
        long version = -1;
        int printed;

        void take(MapEvent event, Printer printer) {
            JsonNode data = event.data();
            if (event.type().equals("snapshot")) {
                if (version < 0) {
                    printer.note("watching workspace " + ws.workspace + " from map version " + event.version());
                } else if (event.version() != version) {
                    printer.event(data, ShardViews.mapLine(data));
                    printed++;
                }
            } else if (event.type().equals("change")) {
                printer.event(data, ShardViews.changeLine(data));
                printed++;
            }
            version = event.version();
        }
    }
}
