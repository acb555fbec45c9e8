package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.domain.Webhook;
import io.corral.server.records.WebhookCreated;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates a webhook subscription. The constructor validates: {@code url} an absolute http(s) URL of
 * at most 2048 characters; 1-50 event types, each an event reason, a prefix pattern ({@code node.*})
 * or {@code *}; a secret of 16-256 characters. The workspace must exist and have fewer than
 * {@link TelemetryImage#MAX_WEBHOOKS_PER_WORKSPACE} webhooks.
 */
public record CreateWebhook(String id, String workspace, String url, List<String> eventTypes, String secret)
        implements Command<Webhook> {

    private static final Pattern TYPE = Pattern.compile("\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?");

    public CreateWebhook {
        if (url == null || url.isBlank()) {
            throw CorralException.invalid("url", "field 'url' is required");
        }
        if (url.length() > 2048) {
            throw CorralException.invalid("url", "url must be at most 2048 characters");
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw CorralException.invalid("url", "url '" + url + "' is not an absolute http(s) URL");
        }
        if (eventTypes == null || eventTypes.isEmpty() || eventTypes.size() > 50) {
            throw CorralException.invalid("events", "field 'events' must list 1-50 event types, e.g. [\"node.deleted\","
                    + " \"node.*\"] or [\"*\"]");
        }
        for (String t : eventTypes) {
            if (t == null || t.length() > 100 || !TYPE.matcher(t).matches()) {
                throw CorralException.invalid("events", "event type '" + t + "' is not valid: use an event reason such"
                        + " as node.health_check_failed, a prefix such as node.*, or *");
            }
        }
        eventTypes = List.copyOf(new LinkedHashSet<>(eventTypes));
        if (secret == null || secret.length() < 16 || secret.length() > 256) {
            throw CorralException.invalid("secret", "secret must be 16-256 characters");
        }
    }

    @Override
    public Outcome<Webhook> execute(ClusterImage image, CommandContext ctx) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        TelemetryImage t = image.telemetry();
        if (t.webhooks().containsKey(id)) {
            throw CorralException.invalid("id", "webhook id '" + id + "' is taken; try again");
        }
        if (t.webhooksIn(workspace).size() >= TelemetryImage.MAX_WEBHOOKS_PER_WORKSPACE) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "workspace '" + workspace + "' already has "
                    + TelemetryImage.MAX_WEBHOOKS_PER_WORKSPACE + " webhooks", Map.of("workspace_id", workspace));
        }
        Webhook w = new Webhook(id, workspace, url, eventTypes, secret, ctx.nowMs(), ctx.actor());
        return Outcome.of(w, new WebhookCreated(w, ctx.nowMs(), ctx.actor()));
    }
}
