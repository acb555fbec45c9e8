package io.corral.server.domain;

/**
 * Something that happened to the cluster, derived deterministically from a record during replay.
 *
 * @param seq     position in the cluster's event sequence, never reused
 * @param type    {@code Normal} or {@code Warning}
 * @param reason  a machine-readable name such as {@code node.registered}
 * @param actor   who caused it: {@code key:<id>}, {@code node:<id>}, {@code system:<component>}
 * @param nodeId  the node concerned, or null
 */
public record Event(long seq, long atMs, String workspace, String type, String reason, String message,
                    String source, String nodeId, String actor) {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
}
