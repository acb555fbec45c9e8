package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral webhooks create|list|delete|deliveries}: a workspace's webhook subscriptions (operator). */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Manage webhook subscriptions.",
        subcommands = {WebhooksCommand.CreateWebhook.class, WebhooksCommand.ListWebhooks.class,
                WebhooksCommand.DeleteWebhook.class, WebhooksCommand.Deliveries.class})
final class WebhooksCommand {

    /** {@code corral webhooks create}: prints the signing secret, which is never shown again. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Subscribe a URL to events; prints the signing secret once.")
    static final class CreateWebhook extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Option(names = "--url", paramLabel = "URL", required = true, description = "Where to POST events.")
        String url;

        @Option(names = "--events", paramLabel = "TYPES", required = true, split = ",",
                description = "Event types, e.g. node.deleted,node.health_check_failed or node.* or *.")
        List<String> events;

        @Option(names = "--secret", paramLabel = "SECRET",
                description = "Signing secret, 16-256 characters (default: generated).")
        String secret;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode created = client.webhooks().create(ws.workspace, url, events, secret);
            printer.result(created, () -> "webhook " + Views.text(created, "id") + " created for "
                    + Views.list(created.path("events")) + "\nsecret: " + Views.text(created, "secret") + "\n");
            printer.note("warning: store the secret now; Corral cannot show it again.");
        }
    }

    /** {@code corral webhooks list}: every subscription, without secrets. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List webhooks.")
    static final class ListWebhooks extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Override
        void run(CorralClient client, Printer printer) {
            List<JsonNode> webhooks = client.webhooks().list(ws.workspace);
            printer.result(webhooks, () -> TelemetryViews.webhooks(webhooks));
        }
    }

    /** {@code corral webhooks delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a webhook.")
    static final class DeleteWebhook extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Webhook id (see webhooks list).")
        String id;

        @Override
        void run(CorralClient client, Printer printer) {
            client.webhooks().delete(ws.workspace, id);
            printer.line("webhook " + id + " deleted");
        }
    }

    /** {@code corral webhooks deliveries ID}: the delivery log, newest first. */
    @Command(name = "deliveries", mixinStandardHelpOptions = true, description = "Show a webhook's delivery log.")
    static final class Deliveries extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "ID", description = "Webhook id (see webhooks list).")
        String id;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void run(CorralClient client, Printer printer) {
            List<JsonNode> deliveries = client.webhooks().deliveries(ws.workspace, id, limit);
            printer.result(deliveries, () -> TelemetryViews.deliveries(deliveries));
        }
    }
}
