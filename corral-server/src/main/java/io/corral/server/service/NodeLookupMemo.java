package io.corral.server.service;

import io.corral.server.commands.NodeLookup;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
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

    /**
     * The node found for its id in the image of {@code appliedIndex}. It is the answer for any workspace the
     * node is in (and for none): {@link NodeLookup#require} finds a node by id and only then checks that it
     * belongs to the workspace asked for, so any other workspace is a failure, left to it to report.
     */
    private record Entry(long appliedIndex, Node node) {
    }

    private final ConcurrentHashMap<String, Entry> byNodeId = new ConcurrentHashMap<>();

    Node require(ClusterImage image, String workspace, String nodeId) {
        Entry e = byNodeId.get(nodeId);
        if (e != null && e.appliedIndex() == image.appliedIndex()
                && (workspace == null || workspace.equals(e.node().workspace()))) {
            return e.node();
        }
        Node n = NodeLookup.require(image, workspace, nodeId);
        if (byNodeId.size() >= MAX_ENTRIES) {
            byNodeId.clear();
        }
        // Keyed by the node's own id string, which heartbeats read anyway (the request's copy is short-lived).
        byNodeId.put(n.id(), new Entry(image.appliedIndex(), n));
        return n;
    }
}
