package io.corral.server.records;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Node;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import java.util.Locale;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;

/**
 * Replays {@link TelemetryRecord}s, with the same guarantees as {@link Replayer}: pure, total, and a
 * record whose precondition no longer holds is a no-op. Also drops the telemetry state of nodes and
 * workspaces that are removed.
 */
public final class TelemetryReplay {
    private TelemetryReplay() {
    }

    public static ClusterImage apply(ClusterImage img, TelemetryRecord record) {
        if (record instanceof ResourceThresholdsSet r) {
            if (img.workspace(r.workspace()).isEmpty()) {
                return img;
            }
            TelemetryImage t = img.telemetry();
            ClusterImage next = img.withTelemetry(t.withThresholds(t.thresholds().plus(r.workspace(), r.thresholds())));
            return EventJournal.append(next, r, r.workspace(), Event.NORMAL, "workspace.thresholds_updated",
                    "Resource thresholds of workspace " + r.workspace() + " set: cpu " + pct(r.thresholds().cpuPercent())
                            + ", memory " + pct(r.thresholds().memoryPercent()) + ", disk "
                            + pct(r.thresholds().diskPercent()) + ", hysteresis "
                            + fmt(r.thresholds().hysteresisPercent()) + " points", null, null);
        } else if (record instanceof ResourceThresholdCrossed r) {
            return crossed(img, r);
        } else if (record instanceof WebhookCreated r) {
            Webhook w = r.webhook();
            if (img.workspace(w.workspace()).isEmpty() || img.telemetry().webhooks().containsKey(w.id())) {
                return img;
            }
            TelemetryImage t = img.telemetry();
            ClusterImage next = img.withTelemetry(t.withWebhooks(t.webhooks().plus(w.id(), w)));
            return EventJournal.append(next, r, w.workspace(), Event.NORMAL, "webhook.created",
                    "Webhook " + w.id() + " created for " + String.join(", ", w.eventTypes()), null, null);
        } else if (record instanceof WebhookDeleted r) {
            Webhook w = img.telemetry().webhooks().get(r.webhookId());
            if (w == null) {
                return img;
            }
            ClusterImage next = img.withTelemetry(withoutWebhook(img.telemetry(), w.id()));
            return EventJournal.append(next, r, w.workspace(), Event.NORMAL, "webhook.deleted",
                    "Webhook " + w.id() + " deleted", null, null);
        } else if (record instanceof WebhookAttempted r) {
            return attempted(img, r);
        }
        throw new IllegalStateException("unknown telemetry record " + record.getClass());
    }

    private static ClusterImage crossed(ClusterImage img, ResourceThresholdCrossed r) {
        Node n = img.nodes().get(r.nodeId());
        TelemetryImage t = img.telemetry();
        String key = TelemetryImage.breachKey(r.nodeId(), r.metric());
        if (n == null || r.exceeded() == t.breaches().containsKey(key)) {
            return img;
        }
        PMap<String, Long> breaches = r.exceeded() ? t.breaches().plus(key, r.atMs()) : t.breaches().minus(key);
        ClusterImage next = img.withTelemetry(t.withBreaches(breaches));
        String metric = r.metric().toLowerCase(Locale.ROOT);
        if (r.exceeded()) {
            return EventJournal.append(next, r, n.workspace(), Event.WARNING, "node.resource_threshold_exceeded",
                    "Node " + n.id() + " " + metric + " at " + fmt(r.valuePercent()) + "% is above the threshold of "
                            + fmt(r.thresholdPercent()) + "%", n.id(), "exceeded:" + metric);
        }
        return EventJournal.append(next, r, n.workspace(), Event.NORMAL, "node.resource_threshold_cleared",
                "Node " + n.id() + " " + metric + " at " + fmt(r.valuePercent()) + "% is back below the threshold of "
                        + fmt(r.thresholdPercent()) + "%", n.id(), "cleared:" + metric);
    }

    private static ClusterImage attempted(ClusterImage img, WebhookAttempted r) {
        TelemetryImage t = img.telemetry();
        WebhookDelivery d = t.pendingDeliveries().get(r.deliveryId());
        if (d == null || d.attempts() + 1 != r.attempt()) {
            return img;
        }
        PSortedMap<Long, WebhookDelivery> pending = t.pendingDeliveries();
        PSortedMap<Long, WebhookDelivery> log = t.deliveryLog();
        if (r.delivered()) {
            pending = pending.minus(d.id());
            log = EventJournal.appendToLog(log, d.attempted(WebhookDelivery.DELIVERED, r.statusCode(), null, r.atMs(),
                    0));
        } else if (r.nextAttemptAtMs() <= 0) {
            pending = pending.minus(d.id());
            log = EventJournal.appendToLog(log, d.attempted(WebhookDelivery.FAILED, r.statusCode(), r.error(), r.atMs(),
                    0));
        } else {
            pending = pending.plus(d.id(), d.attempted(WebhookDelivery.PENDING, r.statusCode(), r.error(), r.atMs(),
                    r.nextAttemptAtMs()));
        }
        ClusterImage next = img.withTelemetry(t.withDeliveries(t.nextDeliveryId(), pending, log));
        if (!r.delivered() && r.nextAttemptAtMs() <= 0) {
            return EventJournal.append(next, r, d.workspace(), Event.WARNING, "webhook.delivery_failed",
                    "Delivery " + d.id() + " of " + d.event().reason() + " to webhook " + d.webhookId()
                            + " failed after " + r.attempt() + " attempts: " + r.error(), null, null);
        }
        return next;
    }

    private static TelemetryImage withoutWebhook(TelemetryImage t, String webhookId) {
        PSortedMap<Long, WebhookDelivery> pending = t.pendingDeliveries();
        for (WebhookDelivery d : t.pendingDeliveries().values()) {
            if (d.webhookId().equals(webhookId)) {
                pending = pending.minus(d.id());
            }
        }
        return t.withWebhooks(t.webhooks().minus(webhookId))
                .withDeliveries(t.nextDeliveryId(), pending, t.deliveryLog());
    }

    /** The telemetry of a removed node: its breaches go. */
    static ClusterImage nodeRemoved(ClusterImage img, String nodeId) {
        TelemetryImage t = img.telemetry();
        PMap<String, Long> breaches = t.breaches();
        for (String key : t.breaches().keySet()) {
            if (key.startsWith(nodeId + "/")) {
                breaches = breaches.minus(key);
            }
        }
        return breaches == t.breaches() ? img : img.withTelemetry(t.withBreaches(breaches));
    }

    /** The telemetry of a deleted workspace: its thresholds, webhooks and their deliveries go. */
    static ClusterImage workspaceDeleted(ClusterImage img, String workspace) {
        TelemetryImage t = img.telemetry().withThresholds(img.telemetry().thresholds().minus(workspace));
        for (Webhook w : t.webhooksIn(workspace)) {
            t = withoutWebhook(t, w.id());
        }
        return img.withTelemetry(t);
    }

    private static String pct(Double v) {
        return v == null ? "off" : fmt(v) + "%";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
