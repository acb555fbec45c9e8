package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeIds;
import io.corral.server.domain.NodeSpec;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.NodeStatusChanged;
import io.corral.server.records.NodeUpdated;
import io.corral.server.security.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers a node. A new node gets the next sequence number and a token made of its id and
 * {@code tokenSecret}. An existing
 * id is a {@code NODE_ALREADY_EXISTS} conflict unless {@code upsert} is set, in which case the node
 * keeps its sequence number and creation time, takes the new attributes and token, and an inactive
 * node becomes active again (this is how an agent re-registers after a coordinator forgot it).
 * A numeric id must not collide with another node's seed 000 id (see {@link Node#u64Id()}); it also
 * becomes the node's sequence number when that number is free and below {@link #MAX_ADOPTED_SEQ}, so
 * that a huge numeric id cannot use up the sequence numbers of every node registered after it.
 */
public record RegisterNode(NodeSpec spec, String tokenSecret, boolean upsert) implements Command<RegisterNode.Registration> {

    /** Numeric ids from here up keep their id but take the next sequence number: 2^62 numbers stay free. */
    public static final long MAX_ADOPTED_SEQ = 1L << 62;

    /** The registered node and its token {@code crn_<id>.<secret>}, shown to the caller only once. */
    public record Registration(Node node, String token) {
    }

    @Override
    public Outcome<Registration> execute(ClusterImage image, CommandContext ctx) {
        if (image.workspace(spec.workspace()).isEmpty()) {
            throw CorralException.workspaceNotFound(spec.workspace());
        }
        String id = spec.id() != null ? spec.id() : freeId(image);
        String token = Tokens.nodeToken(id, tokenSecret);
        String tokenHash = Tokens.hash(token);
        Node existing = image.nodes().get(id);
        if (existing != null) {
            if (!upsert) {
                throw new CorralException(ErrorCode.NODE_ALREADY_EXISTS, "a node with id '" + id + "' already exists",
                        Map.of("node_id", id));
            }
            if (!existing.workspace().equals(spec.workspace())) {
                throw new CorralException(ErrorCode.NODE_ALREADY_EXISTS, "node '" + id
                        + "' already exists in workspace '" + existing.workspace() + "'", Map.of("node_id", id));
            }
            return reRegister(existing, token, tokenHash, ctx);
        }
        if (NodeIds.isU64(id) && image.u64Taken(Long.parseUnsignedLong(id))) {
            throw new CorralException(ErrorCode.NODE_ALREADY_EXISTS, "numeric id " + id
                    + " is already used by another node as its sequence number", Map.of("node_id", id));
        }
        long seq = image.nextNodeSeq();
        if (NodeIds.isU64(id)) {
            // A numeric id becomes the sequence number too when it is still free, so both names agree.
            long n = Long.parseUnsignedLong(id);
            if (n >= seq && n < MAX_ADOPTED_SEQ) {
                seq = n;
            }
        }
        if (seq == Long.MAX_VALUE || image.nodeIdBySeq().containsKey(seq)) {
            // Replay would drop a node whose seq is taken; refuse rather than acknowledge a lost write.
            throw new CorralException(ErrorCode.UNAVAILABLE, "no node sequence number is left to assign",
                    Map.of("node_id", id, "next_seq", seq));
        }
        Node node = new Node(id, seq, spec.workspace(), spec.name() != null ? spec.name() : id, spec.role(),
                spec.addresses(), spec.labels(), spec.taints(), spec.zone(), spec.region(), spec.capacityWeight(),
                spec.status(), null, "registered", spec.metadata(), spec.planId(), spec.provider(), spec.replicaOf(),
                spec.monitored(), tokenHash, ctx.nowMs(), ctx.nowMs(), ctx.nowMs());
        return Outcome.of(new Registration(node, token), new NodeRegistered(node, ctx.nowMs(), ctx.actor()));
    }

    private Outcome<Registration> reRegister(Node existing, String token, String tokenHash, CommandContext ctx) {
        Node updated = new Node(existing.id(), existing.seq(), existing.workspace(),
                spec.name() != null ? spec.name() : existing.name(), spec.role(), spec.addresses(), spec.labels(),
                spec.taints(), spec.zone(), spec.region(), spec.capacityWeight(), existing.status(),
                existing.resumeStatus(), existing.statusReason(), spec.metadata(), spec.planId(), spec.provider(),
                spec.replicaOf(), spec.monitored(), tokenHash, existing.createdAtMs(), ctx.nowMs(),
                existing.statusChangedAtMs());
        List<io.corral.server.records.Record> records = new ArrayList<>();
        records.add(new NodeUpdated(updated, "registered again", ctx.nowMs(), ctx.actor()));
        Node reply = updated;
        if (existing.status() == Lifecycle.INACTIVE) {
            Lifecycle back = existing.resumeStatus() != null ? existing.resumeStatus() : Lifecycle.ACTIVE;
            records.add(new NodeStatusChanged(existing.id(), back, null, "registered again", ctx.nowMs(), ctx.actor()));
            reply = updated.withStatus(back, null, "registered again", ctx.nowMs());
        }
        return new Outcome<>(records, new Registration(reply, token));
    }

    private static String freeId(ClusterImage image) {
        long seq = image.nextNodeSeq();
        String id = "node-" + seq;
        for (int i = 2; image.nodes().containsKey(id); i++) {
            id = "node-" + seq + "-" + i;
        }
        return id;
    }
}
