package io.corral.server.records;

/** A node left the cluster. Its id may be registered again; its sequence number is never reused. */
public record NodeRemoved(String nodeId, String reason, long atMs, String actor) implements Record {
}
