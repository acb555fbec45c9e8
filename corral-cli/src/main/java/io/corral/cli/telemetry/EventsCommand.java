package io.corral.cli.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corral events list|watch}: a workspace's events, listed or followed live. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "List or watch cluster events.",
        subcommands = {EventsCommand.List.class, EventsCommand.Watch.class})
public final class EventsCommand {

    /** Filters both subcommands accept. */
    static final class Filters {
        @Option(names = "--type", description = "Normal or Warning.")
        String type;

        @Option(names = "--source", description = "Event source, e.g. corral.")
        String source;

        @Option(names = "--node", description = "Only events of this node.")
        String node;

        String query(StringBuilder q) {
            add(q, "type", type);
            add(q, "source", source);
            add(q, "node_id", node);
            return q.toString();
        }

        static void add(StringBuilder q, String name, String value) {
            if (value != null) {
                q.append(q.length() == 0 ? "?" : "&").append(name).append('=').append(ApiConnection.enc(value));
            }
        }
    }

    static void row(Table t, JsonNode e) {
        t.row(e.path("last_timestamp").asText(), e.path("type").asText(), e.path("reason").asText(),
                e.path("node_id").isNull() ? null : e.path("node_id").asText(), e.path("count").asInt(),
                e.path("message").asText());
    }

    static Table table() {
        return new Table("LAST SEEN", "TYPE", "REASON", "NODE", "COUNT", "MESSAGE");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List events, newest first.")
    static final class List implements Callable<Integer> {
        @Mixin
        ApiConnection api;

        @Mixin
        Filters filters;

        @Option(names = "--since", description = "Only events this recent, e.g. 30m, 2h.")
        String since;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Run.safely(spec, () -> {
                StringBuilder q = new StringBuilder();
                filters.query(q);
                Filters.add(q, "since", since);
                Filters.add(q, "limit", Integer.toString(limit));
                JsonNode r = api.get(api.workspacePath() + "/events" + q);
                PrintWriter out = spec.commandLine().getOut();
                if (api.json()) {
                    out.println(ApiConnection.pretty(r.get("data")));
                    out.flush();
                    return;
                }
                Table t = table();
                r.get("data").forEach(e -> row(t, e));
                t.print(out);
            });
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Print events as they happen (Server-Sent Events) until interrupted.")
    static final class Watch implements Callable<Integer> {
        @Mixin
        ApiConnection api;

        @Mixin
        Filters filters;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Run.safely(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                api.stream(api.workspacePath() + "/events/stream" + filters.query(new StringBuilder()), e -> {
                    if (api.json()) {
                        out.println(e.toString());
                    } else {
                        out.println(e.path("last_timestamp").asText() + "  " + e.path("type").asText() + "  "
                                + e.path("reason").asText() + "  " + (e.path("node_id").isNull() ? "-"
                                : e.path("node_id").asText()) + "  x" + e.path("count").asInt() + "  "
                                + e.path("message").asText());
                    }
                    out.flush();
                });
            });
        }
    }
}
