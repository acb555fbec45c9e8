package io.corral.server.security;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per node id, what the image of one applied log index says about that node: the node itself and, once
 * a node token was checked against that image, the token and the principal it resolved to. The
 * {@link Authenticator} and the node service share one memo, so a heartbeat reaches its node's entry
 * once to check its token and then, from cache, to find its node: one entry per node instead of a memo
 * each, which matters because a fleet's heartbeats take turns and each node's entry is cold by its
 * next beat.
 *
 * <p>An entry answers only for an image of the very same applied index: an applied index names exactly
 * one state (images change only by replaying the log) and any write moves it, so every answer is the
 * one a full look at that image would give, and a removed node or a replaced token is refused as soon
 * as the image that says so is published. Entries keep the index, not the image, so they never hold an
 * old image in memory. Tokens are compared in constant time. Failures are not remembered. At most
 * {@link #MAX_ENTRIES} entries (when full, the memo starts over). Safe for concurrent use.
 */
public final class NodeMemo {
    static final int MAX_ENTRIES = 262_144;

    /** The node of {@code appliedIndex}'s image; {@code token} and {@code principal} null until one is verified. */
    private record Entry(long appliedIndex, Node node, byte[] token, Principal principal) {
    }

    private final ConcurrentHashMap<String, Entry> byNodeId = new ConcurrentHashMap<>();

    /** The node with {@code nodeId} in {@code image}, or null when the image has none. */
    public Node node(ClusterImage image, String nodeId) {
        Entry e = byNodeId.get(nodeId);
        if (e != null && e.appliedIndex() == image.appliedIndex()) {
            return e.node();
        }
        Node n = image.nodes().get(nodeId);
        if (n != null) {
            put(new Entry(image.appliedIndex(), n, null, null));
        }
        return n;
    }

    /** The principal {@code token} was verified as for node {@code nodeId} in {@code image}, or null if not known. */
    Principal verified(ClusterImage image, String nodeId, byte[] token) {
        Entry e = byNodeId.get(nodeId);
        return e != null && e.appliedIndex() == image.appliedIndex() && e.token() != null
                && MessageDigest.isEqual(e.token(), token) ? e.principal() : null;
    }

    /** Records that {@code token} is {@code node}'s in {@code image} and acts as {@code principal}. */
    void verified(ClusterImage image, Node node, byte[] token, Principal principal) {
        put(new Entry(image.appliedIndex(), node, token.clone(), principal));
    }

    /**
     * Stores {@code e} in a new map node under a new copy of its node's id, so that the map's node, the key a
     * lookup compares with, the entry and its token (copied by {@link #verified}) are allocated one after the
     * other and lie side by side in memory (a garbage collection copies them in about that order too): a
     * lookup of a cold entry then waits for about one memory read instead of one per object. A lookup between
     * the removal and the put finds nothing and takes the slow way, which gives the same answer.
     */
    private void put(Entry e) {
        if (byNodeId.size() >= MAX_ENTRIES) {
            byNodeId.clear();
        }
        String key = new String(e.node().id().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        byNodeId.remove(key);
        byNodeId.put(key, e);
    }
}
