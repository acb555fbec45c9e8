package io.corral.server.commands;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Webhook;
import java.util.Map;

/** Finds the webhook a request names in its workspace, or throws the 404 the caller should see. */
public final class WebhookLookup {
    private WebhookLookup() {
    }

    public static Webhook require(ClusterImage image, String workspace, String webhookId) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        Webhook w = image.telemetry().webhooks().get(webhookId);
        if (w == null || !w.workspace().equals(workspace)) {
            throw new CorralException(ErrorCode.WEBHOOK_NOT_FOUND, "webhook '" + webhookId + "' not found",
                    Map.of("webhook_id", webhookId));
        }
        return w;
    }
}
