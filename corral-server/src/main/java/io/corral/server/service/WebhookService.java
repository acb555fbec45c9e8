package io.corral.server.service;

import io.corral.server.commands.CreateWebhook;
import io.corral.server.commands.DeleteWebhook;
import io.corral.server.commands.WebhookLookup;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Role;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.security.Principal;
import io.corral.server.security.Tokens;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Webhook subscriptions and their delivery log. Managing them needs the operator role in the
 * workspace, reading them the viewer role. The secret is returned only by {@link #create}.
 */
public final class WebhookService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Controller controller;

    /** A new webhook and its secret (chosen by the caller or generated), shown only in this reply. */
    public record Creation(Webhook webhook, String secret) {
    }

    public WebhookService(Controller controller) {
        this.controller = controller;
    }

    /** Creates a webhook; a null {@code secret} is generated (32 random bytes, base64url). */
    public CompletableFuture<Creation> create(Principal p, String workspace, String url, List<String> eventTypes,
                                              String secret) {
        p.require(Role.OPERATOR, workspace);
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String id = "wh" + HexFormat.of().formatHex(b);
        String s = secret != null ? secret : Tokens.newSecret();
        return controller.submit(p.actor(), new CreateWebhook(id, workspace, url, eventTypes, s))
                .thenApply(w -> new Creation(w, s));
    }

    public List<Webhook> list(Principal p, String workspace) {
        p.require(Role.VIEWER, workspace);
        ClusterImage image = controller.image();
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        return image.telemetry().webhooksIn(workspace);
    }

    public Webhook get(Principal p, String workspace, String webhookId) {
        p.require(Role.VIEWER, workspace);
        return WebhookLookup.require(controller.image(), workspace, webhookId);
    }

    public CompletableFuture<Webhook> delete(Principal p, String workspace, String webhookId) {
        p.require(Role.OPERATOR, workspace);
        return controller.submit(p.actor(), new DeleteWebhook(workspace, webhookId));
    }

    /** The webhook's deliveries, newest first: pending ones, then finished ones from the bounded log. */
    public List<WebhookDelivery> deliveries(Principal p, String workspace, String webhookId, int limit) {
        p.require(Role.VIEWER, workspace);
        ClusterImage image = controller.image();
        WebhookLookup.require(image, workspace, webhookId);
        List<WebhookDelivery> out = new ArrayList<>();
        for (WebhookDelivery d : image.telemetry().pendingDeliveries().descendingMap().values()) {
            if (out.size() < limit && d.webhookId().equals(webhookId)) {
                out.add(d);
            }
        }
        for (WebhookDelivery d : image.telemetry().deliveryLog().descendingMap().values()) {
            if (out.size() < limit && d.webhookId().equals(webhookId)) {
                out.add(d);
            }
        }
        out.sort((a, c) -> Long.compare(c.id(), a.id()));
        return out;
    }
}
