package io.corral.server.records;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.EventIndex;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import org.pcollections.PSortedMap;

/**
 * Appends events to an image during replay, as a pure function of the image and the record (no clock:
 * every time comes from the record). It guarantees:
 * <ul>
 *   <li><b>aggregation</b>: an event with the same workspace, node, type, reason, source and
 *       aggregation key as one at most {@link #AGGREGATION_WINDOW_MS} older replaces it with
 *       {@code count + 1}, the first timestamp kept and a new seq (so watchers see the repeat);</li>
 *   <li><b>retention</b>: at most {@link #RETENTION_COUNT} events, none older than
 *       {@link #RETENTION_AGE_MS} before the newest record;</li>
 *   <li><b>webhooks</b>: every appended event that a webhook of its workspace wants becomes a pending
 *       delivery, the backlog bounded by {@link TelemetryImage#MAX_PENDING_DELIVERIES}.</li>
 * </ul>
 */
public final class EventJournal {
    /** How many events the replicated state keeps. */
    public static final int RETENTION_COUNT = Replayer.EVENT_RETENTION_COUNT;
    /** How old an event may get, measured against the newest record's time. */
    public static final long RETENTION_AGE_MS = 7L * 24 * 3_600_000;
    /** Repeats closer together than this aggregate into one event. */
    public static final long AGGREGATION_WINDOW_MS = 10 * 60_000;
    /** Who is named as the source of events Corral derives itself. */
    public static final String SOURCE = "corral";

    private EventJournal() {
    }

    /**
     * Appends (or aggregates) the event describing {@code r}.
     *
     * @param aggregationKey what makes two events "the same" besides workspace, node, type and reason;
     *                       null means the message
     */
    public static ClusterImage append(ClusterImage img, Record r, String workspace, String type, String reason,
                                      String message, String nodeId, String aggregationKey) {
        TelemetryImage t = img.telemetry();
        // one indified concatenation: the same string String.join built, without a StringJoiner
        String key = workspace + "\u0000" + nodeId + "\u0000" + type + "\u0000" + reason + "\u0000" + SOURCE
                + "\u0000" + (aggregationKey == null ? message : aggregationKey);
        long seq = img.nextEventSeq();
        PSortedMap<Long, Event> events = img.events();
        Long previousSeq = t.eventSeqByKey().seqOf(key);
        Event previous = previousSeq == null ? null : events.get(previousSeq);
        Event e;
        if (previous != null && r.atMs() - previous.atMs() <= AGGREGATION_WINDOW_MS) {
            events = events.minus(previousSeq);
            e = new Event(seq, r.atMs(), workspace, type, reason, message, SOURCE, nodeId, r.actor(),
                    previous.firstAtMs(), previous.count() + 1);
        } else {
            e = new Event(seq, r.atMs(), workspace, type, reason, message, SOURCE, nodeId, r.actor());
        }
        events = events.plus(seq, e);
        long oldestKeptMs = r.atMs() - RETENTION_AGE_MS;
        // never empties: the event just added is not older than oldestKeptMs
        while (events.size() > RETENTION_COUNT || events.firstEntry().getValue().atMs() < oldestKeptMs) {
            events = events.minusFirstEntry();
        }
        EventIndex index = t.eventSeqByKey().with(key, seq);
        if (index.size() > 2 * Math.max(events.size(), 64)) {
            // Amortised: runs only when the index doubled. An aggregated event's key always points at its
            // newest seq, so the only entries without an event are those whose event left through
            // retention: exactly those older than the oldest event kept.
            index = index.withoutSeqsBefore(events.firstKey());
        }
        t = enqueueDeliveries(t.withEventIndex(index), e);
        return img.withEvents(events, seq + 1).withTelemetry(t);
    }

    private static TelemetryImage enqueueDeliveries(TelemetryImage t, Event e) {
        if (e.workspace() == null || t.webhooks().isEmpty()) {
            return t;
        }
        long nextId = t.nextDeliveryId();
        PSortedMap<Long, WebhookDelivery> pending = t.pendingDeliveries();
        PSortedMap<Long, WebhookDelivery> log = t.deliveryLog();
        for (Webhook w : t.webhooksIn(e.workspace())) {
            if (!w.wants(e.reason())) {
                continue;
            }
            long id = nextId++;
            pending = pending.plus(id, new WebhookDelivery(id, w.id(), w.workspace(), e, WebhookDelivery.PENDING, 0,
                    e.atMs(), 0, null, 0, e.atMs()));
            if (pending.size() > TelemetryImage.MAX_PENDING_DELIVERIES) {
                WebhookDelivery oldest = pending.get(pending.firstKey());
                pending = pending.minus(oldest.id());
                log = appendToLog(log, oldest.withStatus(WebhookDelivery.DROPPED));
            }
        }
        return t.withDeliveries(nextId, pending, log);
    }

    /** Adds a finished delivery to the log, keeping the newest {@link TelemetryImage#DELIVERY_LOG_COUNT}. */
    static PSortedMap<Long, WebhookDelivery> appendToLog(PSortedMap<Long, WebhookDelivery> log, WebhookDelivery d) {
        PSortedMap<Long, WebhookDelivery> out = log.plus(d.id(), d);
        while (out.size() > TelemetryImage.DELIVERY_LOG_COUNT) {
            out = out.minus(out.firstKey());
        }
        return out;
    }
}
