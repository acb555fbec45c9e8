package io.corral.server.records;

import io.corral.server.domain.Node;

/**
 * A node's descriptive attributes changed (labels, taints, metadata, addresses, name, zone, token).
 * Carries the whole new value; its lifecycle fields are those the node had when the command ran.
 *
 * @param change short description of what changed, for the event
 */
public record NodeUpdated(Node node, String change, long atMs, String actor) implements Record {
}
