package io.corral.server.security;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import io.corral.server.soft.NodeSlots;
import java.security.MessageDigest;

/**
 * Per node id, what the image of one applied log index says about that node: the node itself and, once
 * a node token was checked against that image, the token and the principal it resolved to. The
 * {@link Authenticator} and the node service share one memo, so a heartbeat reaches its node's entry
 * once to check its token and then, from cache, to find its node. The entry is kept in the node's
 * {@link MemoSlot}, the object that also holds the node's other soft state (its last beat, its metric
 * history), because a fleet's heartbeats take turns and each node's state is cold by its next beat.
 *
 * <p>An entry answers only for an image of the very same applied index: an applied index names exactly
 * one state (images change only by replaying the log) and any write moves it, so every answer is the
 * one a full look at that image would give, and a removed node or a replaced token is refused as soon
 * as the image that says so is published. Entries keep the index, not the image, so they never hold an
 * old image in memory. Tokens are compared in constant time. Failures are not remembered, and a slot is
 * made only for a node its image has. Safe for concurrent use.
 */
public final class NodeMemo {

    /** The node of {@code appliedIndex}'s image; {@code token} and {@code principal} null until one is verified. */
    record Entry(long appliedIndex, Node node, byte[] token, Principal principal) {
    }

    private final NodeSlots<? extends MemoSlot> slots;

    /** A memo with slots of its own. */
    public NodeMemo() {
        this(new NodeSlots<>(MemoSlot::new));
    }

    /** A memo that keeps its entries in {@code slots}, shared with the node's other soft state. */
    public NodeMemo(NodeSlots<? extends MemoSlot> slots) {
        this.slots = slots;
    }

    /** The node with {@code nodeId} in {@code image}, or null when the image has none. */
    public Node node(ClusterImage image, String nodeId) {
        MemoSlot slot = slots.get(nodeId);
        Entry e = slot == null ? null : slot.memo;
        if (e != null && e.appliedIndex() == image.appliedIndex()) {
            return e.node();
        }
        Node n = image.nodes().get(nodeId);
        if (n != null) {
            (slot == null ? slots.getOrMake(nodeId) : slot).memo = new Entry(image.appliedIndex(), n, null, null);
        }
        return n;
    }

    /** The principal {@code token} was verified as for node {@code nodeId} in {@code image}, or null if not known. */
    Principal verified(ClusterImage image, String nodeId, byte[] token) {
        MemoSlot slot = slots.get(nodeId);
        Entry e = slot == null ? null : slot.memo;
        return e != null && e.appliedIndex() == image.appliedIndex() && e.token() != null
                && MessageDigest.isEqual(e.token(), token) ? e.principal() : null;
    }

    /** Records that {@code token} is {@code node}'s in {@code image} and acts as {@code principal}. */
    void verified(ClusterImage image, Node node, byte[] token, Principal principal) {
        slots.getOrMake(node.id()).memo = new Entry(image.appliedIndex(), node, token.clone(), principal);
    }
}
