package io.corral.server.records;

import io.corral.server.domain.Node;

/** A node joined the cluster with the given attributes, sequence number and token hash. */
public record NodeRegistered(Node node, long atMs, String actor) implements Record {
}
