package io.corral.cli.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral webhooks create|list|delete|deliveries}. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Manage webhook subscriptions.",
        subcommands = {WebhooksCommand.Create.class, WebhooksCommand.ListAll.class, WebhooksCommand.Delete.class,
                WebhooksCommand.Deliveries.class})
public final class WebhooksCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Subscribe a URL to events; prints the signing secret once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ApiConnection api;

        @Option(names = "--url", required = true, description = "Where to POST events.")
        String target;

        @Option(names = "--events", required = true, split = ",",
                description = "Event types, e.g. node.deleted,node.health_check_failed or node.* or *.")
        String[] events;

        @Option(names = "--secret", description = "Signing secret (16-256 characters; default: generated).")
        String secret;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Run.safely(spec, () -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("url", target);
                body.put("events", Arrays.asList(events));
                if (secret != null) {
                    body.put("secret", secret);
                }
                JsonNode d = api.post(api.workspacePath() + "/webhooks", body).get("data");
                PrintWriter out = spec.commandLine().getOut();
                if (api.json()) {
                    out.println(ApiConnection.pretty(d));
                } else {
                    out.println("webhook " + d.get("id").asText() + " created for " + d.get("events"));
                    out.println("secret: " + d.get("secret").asText() + "  (shown only now)");
                }
                out.flush();
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List webhooks.")
    static final class ListAll implements Callable<Integer> {
        @Mixin
        ApiConnection api;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Run.safely(spec, () -> {
                JsonNode data = api.get(api.workspacePath() + "/webhooks").get("data");
                PrintWriter out = spec.commandLine().getOut();
                if (api.json()) {
                    out.println(ApiConnection.pretty(data));
                    out.flush();
                    return;
                }
                Table t = new Table("ID", "URL", "EVENTS", "CREATED");
                data.forEach(w -> {
                    StringBuilder ev = new StringBuilder();
                    w.get("events").forEach(e -> ev.append(ev.length() == 0 ? "" : ",").append(e.asText()));
                    t.row(w.get("id").asText(), w.get("url").asText(), ev, w.get("created_at").asText());
                });
                t.print(out);
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a webhook.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ApiConnection api;

        @Parameters(index = "0", description = "Webhook id.")
        String id;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Run.safely(spec, () -> {
                api.delete(api.workspacePath() + "/webhooks/" + ApiConnection.enc(id));
                spec.commandLine().getOut().println("webhook " + id + " deleted");
                spec.commandLine().getOut().flush();
            });
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true, description = "Show a webhook's delivery log.")
    static final class Deliveries implements Callable<Integer> {
        @Mixin
        ApiConnection api;

        @Parameters(index = "0", description = "Webhook id.")
        String id;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Run.safely(spec, () -> {
                JsonNode data = api.get(api.workspacePath() + "/webhooks/" + ApiConnection.enc(id)
                        + "/deliveries?limit=" + limit).get("data");
                PrintWriter out = spec.commandLine().getOut();
                if (api.json()) {
                    out.println(ApiConnection.pretty(data));
                    out.flush();
                    return;
                }
                Table t = new Table("ID", "EVENT", "STATUS", "ATTEMPTS", "LAST CODE", "LAST ERROR", "NEXT ATTEMPT");
                data.forEach(d -> t.row(d.get("id").asText(), d.get("event_type").asText(), d.get("status").asText(),
                        d.get("attempts").asInt(), d.get("last_status_code").isNull() ? null
                                : d.get("last_status_code").asInt(),
                        d.get("last_error").isNull() ? null : d.get("last_error").asText(),
                        d.get("next_attempt_at").isNull() ? null : d.get("next_attempt_at").asText()));
                t.print(out);
            });
        }
    }
}
