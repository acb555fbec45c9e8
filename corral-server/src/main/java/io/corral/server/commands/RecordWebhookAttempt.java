package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.records.WebhookAttempted;

/**
 * The dispatcher's report of one delivery attempt. Writes only while the delivery is still pending at
 * the attempt reported (a stale report is a no-op). Replies with whether it wrote.
 */
public record RecordWebhookAttempt(long deliveryId, int attempt, int statusCode, String error, boolean delivered,
                                   long nextAttemptAtMs) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage image, CommandContext ctx) {
        WebhookDelivery d = image.telemetry().pendingDeliveries().get(deliveryId);
        if (d == null || d.attempts() + 1 != attempt) {
            return Outcome.unchanged(false);
        }
        String why = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        return Outcome.of(true, new WebhookAttempted(deliveryId, attempt, statusCode, why, delivered, nextAttemptAtMs,
                ctx.nowMs(), ctx.actor()));
    }
}
