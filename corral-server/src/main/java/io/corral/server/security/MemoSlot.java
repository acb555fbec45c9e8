package io.corral.server.security;

import io.corral.server.soft.NodeSlot;

/** A node's slot with the {@link NodeMemo}'s entry for it; the layers above extend it with their own fields. */
public class MemoSlot extends NodeSlot {
    /** What the memo knows of this node for one applied index; null until the node is first looked up. */
    volatile NodeMemo.Entry memo;

    public MemoSlot(String nodeId) {
        super(nodeId);
    }
}
