package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Webhook;
import io.corral.server.records.WebhookDeleted;

/** Deletes a webhook of a workspace; its pending deliveries are dropped. */
public record DeleteWebhook(String workspace, String webhookId) implements Command<Webhook> {

    @Override
    public Outcome<Webhook> execute(ClusterImage image, CommandContext ctx) {
        Webhook w = WebhookLookup.require(image, workspace, webhookId);
        return Outcome.of(w, new WebhookDeleted(w.id(), ctx.nowMs(), ctx.actor()));
    }
}
