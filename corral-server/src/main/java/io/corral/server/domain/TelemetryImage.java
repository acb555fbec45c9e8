package io.corral.server.domain;

import java.util.ArrayList;
import java.util.List;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * The replicated part of telemetry: what must survive a restart. Soft state (heartbeats, metric
 * history) is not here. Immutable and built only by replay.
 *
 * @param eventSeqByKey     the seq of the latest event per aggregation key, so a repeat finds its event
 * @param thresholds        resource thresholds per workspace; a workspace without an entry uses
 *                          {@link ResourceThresholds#DEFAULTS}
 * @param breaches          {@code nodeId/metric} → when that node went above that threshold, for every
 *                          breach not yet cleared
 * @param webhooks          subscriptions by id
 * @param nextDeliveryId    the next delivery id; only grows
 * @param pendingDeliveries deliveries not yet finished, oldest first; at most {@link #MAX_PENDING_DELIVERIES}
 * @param deliveryLog       finished deliveries, oldest first; the newest {@link #DELIVERY_LOG_COUNT} are kept
 */
public record TelemetryImage(
        EventIndex eventSeqByKey,
        PMap<String, ResourceThresholds> thresholds,
        PMap<String, Long> breaches,
        PMap<String, Webhook> webhooks,
        long nextDeliveryId,
        PSortedMap<Long, WebhookDelivery> pendingDeliveries,
        PSortedMap<Long, WebhookDelivery> deliveryLog) {

    /** Pending deliveries kept at most; beyond it the oldest pending delivery is dropped (and logged as dropped). */
    public static final int MAX_PENDING_DELIVERIES = 10_000;
    /** Finished deliveries kept for the delivery log. */
    public static final int DELIVERY_LOG_COUNT = 1_000;
    /** Webhooks one workspace may have. */
    public static final int MAX_WEBHOOKS_PER_WORKSPACE = 50;

    public static TelemetryImage empty() {
        return new TelemetryImage(EventIndex.EMPTY, HashTreePMap.empty(), HashTreePMap.empty(),
                HashTreePMap.empty(), 1L, TreePMap.empty(), TreePMap.empty());
    }

    /** The thresholds of {@code workspace}: its own, else {@link ResourceThresholds#DEFAULTS}. */
    public ResourceThresholds thresholdsOf(String workspace) {
        if (thresholds.isEmpty()) {
            return ResourceThresholds.DEFAULTS; // no workspace has its own: spares hashing the name per heartbeat
        }
        ResourceThresholds t = thresholds.get(workspace);
        return t == null ? ResourceThresholds.DEFAULTS : t;
    }

    public static String breachKey(String nodeId, String metric) {
        return nodeId + "/" + metric;
    }

    public boolean breached(String nodeId, String metric) {
        return breaches.containsKey(breachKey(nodeId, metric));
    }

    /** Webhooks of one workspace, oldest first. */
    public List<Webhook> webhooksIn(String workspace) {
        List<Webhook> out = new ArrayList<>();
        for (Webhook w : webhooks.values()) {
            if (w.workspace().equals(workspace)) {
                out.add(w);
            }
        }
        out.sort((a, b) -> a.createdAtMs() != b.createdAtMs() ? Long.compare(a.createdAtMs(), b.createdAtMs())
                : a.id().compareTo(b.id()));
        return out;
    }

    public TelemetryImage withEventIndex(EventIndex index) {
        return new TelemetryImage(index, thresholds, breaches, webhooks, nextDeliveryId, pendingDeliveries,
                deliveryLog);
    }

    public TelemetryImage withThresholds(PMap<String, ResourceThresholds> t) {
        return new TelemetryImage(eventSeqByKey, t, breaches, webhooks, nextDeliveryId, pendingDeliveries,
                deliveryLog);
    }

    public TelemetryImage withBreaches(PMap<String, Long> b) {
        return new TelemetryImage(eventSeqByKey, thresholds, b, webhooks, nextDeliveryId, pendingDeliveries,
                deliveryLog);
    }

    public TelemetryImage withWebhooks(PMap<String, Webhook> w) {
        return new TelemetryImage(eventSeqByKey, thresholds, breaches, w, nextDeliveryId, pendingDeliveries,
                deliveryLog);
    }

    public TelemetryImage withDeliveries(long nextId, PSortedMap<Long, WebhookDelivery> pending,
                                         PSortedMap<Long, WebhookDelivery> log) {
        return new TelemetryImage(eventSeqByKey, thresholds, breaches, webhooks, nextId, pending, log);
    }
}
