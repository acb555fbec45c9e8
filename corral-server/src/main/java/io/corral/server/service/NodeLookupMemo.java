package io.corral.server.service;

import io.corral.server.commands.NodeLookup;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NodeLookup#require} with a memo for hot callers (heartbeats): the node found for
 * (workspace, node id) is reused only for an image of the same applied log index, so the answer is
 * always the one {@link NodeLookup#require} gives for that image (an applied index names exactly one
 * state; any write moves it). Entries keep the index, not the image, so they never hold an old image in
 * memory. Failures are not remembered. At most {@link #MAX_ENTRIES} entries (when full, the memo
 * starts over). Safe for concurrent use.
 */
final class NodeLookupMemo {
    static final int MAX_ENTRIES = 262_144;

    private record Entry(long appliedIndex, String workspace, Node node) {
    }

    private final ConcurrentHashMap<String, Entry> byNodeId = new ConcurrentHashMap<>();

    Node require(ClusterImage image, String workspace, String nodeId) {
        Entry e = byNodeId.get(nodeId);
        if (e != null && e.appliedIndex() == image.appliedIndex() && Objects.equals(e.workspace(), workspace)) {
            return e.node();
        }
        Node n = NodeLookup.require(image, workspace, nodeId);
        if (byNodeId.size() >= MAX_ENTRIES) {
            byNodeId.clear();
        }
        byNodeId.put(nodeId, new Entry(image.appliedIndex(), workspace, n));
        return n;
    }
}
