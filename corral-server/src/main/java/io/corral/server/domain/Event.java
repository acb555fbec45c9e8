package io.corral.server.domain;

/**
 * Something that happened to the cluster, derived deterministically from a record during replay.
 * Repeats of the same happening aggregate into one event (see {@code io.corral.server.records.EventJournal}):
 * {@code firstAtMs} is when it first happened, {@code atMs} the last time, {@code count} how often.
 *
 * @param seq       position in the cluster's event sequence, never reused; a repeat moves the event to a new seq
 * @param atMs      when it last happened (epoch ms)
 * @param type      {@code Normal} or {@code Warning}
 * @param reason    a machine-readable name such as {@code node.registered}
 * @param actor     who caused it: {@code key:<id>}, {@code node:<id>}, {@code system:<component>}
 * @param nodeId    the node concerned, or null
 * @param firstAtMs when it first happened; 0 (as in events written before aggregation existed) means {@code atMs}
 * @param count     how many times it happened, at least 1
 */
public record Event(long seq, long atMs, String workspace, String type, String reason, String message,
                    String source, String nodeId, String actor, long firstAtMs, int count) {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    public Event {
        firstAtMs = firstAtMs <= 0 || firstAtMs > atMs ? atMs : firstAtMs;
        count = Math.max(1, count);
    }

    /** A first occurrence. */
    public Event(long seq, long atMs, String workspace, String type, String reason, String message, String source,
                 String nodeId, String actor) {
        this(seq, atMs, workspace, type, reason, message, source, nodeId, actor, atMs, 1);
    }
}
