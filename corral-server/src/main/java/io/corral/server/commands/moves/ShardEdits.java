package io.corral.server.commands.moves;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Move;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Shard;
import io.corral.server.records.ShardsChanged;
import java.util.ArrayList;
import java.util.List;

/** The map edits of a move: add the joining target, flip at cutover, drop the source, roll back. */
final class ShardEdits {
    private ShardEdits() {
    }

    static Shard shard(ClusterImage img, Move m) {
        return img.map(m.workspace(), m.resourceId()).shards().get(m.shardId());
    }

    static ShardsChanged record(ClusterImage img, Move m, Shard shard, String reason, long nowMs, String actor) {
        return new ShardsChanged(m.workspace(), m.resourceId(), List.of(shard), List.of(),
                img.map(m.workspace(), m.resourceId()).nextShardId(), reason, nowMs, actor);
    }

    /** The target joins as a follower that receives writes and serves no reads yet. */
    static Shard withJoiningTarget(Shard s, String target) {
        List<Replica> r = new ArrayList<>(s.replicas());
        r.add(new Replica(target, null, Replica.Role.FOLLOWER, Replica.State.JOINING));
        return new Shard(s.id(), s.state(), r);
    }

    /** The cutover: the target becomes active (and leader if the source led); the source is leaving. */
    static Shard flipped(Shard s, Move m) {
        boolean sourceLed = m.fromNode() != null && s.leader() != null && m.fromNode().equals(s.leader().nodeId());
        List<Replica> r = new ArrayList<>();
        if (sourceLed) {
            r.add(new Replica(m.toNode(), null, Replica.Role.LEADER, Replica.State.ACTIVE));
        }
        for (Replica rep : s.replicas()) {
            if (rep.nodeId() != null && rep.nodeId().equals(m.toNode())) {
                if (!sourceLed) {
                    r.add(new Replica(rep.nodeId(), rep.url(), rep.role(), Replica.State.ACTIVE));
                }
            } else if (rep.nodeId() != null && rep.nodeId().equals(m.fromNode())) {
                r.add(new Replica(rep.nodeId(), rep.url(), Replica.Role.FOLLOWER, Replica.State.LEAVING));
            } else {
                r.add(rep);
            }
        }
        return new Shard(s.id(), s.state(), r);
    }

    /** Drops a node's replica from the shard; if it led, the first other active replica leads. */
    static Shard without(Shard s, String nodeId) {
        List<Replica> r = new ArrayList<>();
        for (Replica rep : s.replicas()) {
            if (rep.nodeId() == null || !rep.nodeId().equals(nodeId)) {
                r.add(rep);
            }
        }
        if (!r.isEmpty() && r.get(0).role() != Replica.Role.LEADER) {
            int lead = 0;
            for (int i = 0; i < r.size(); i++) {
                if (r.get(i).state() == Replica.State.ACTIVE) {
                    lead = i;
                    break;
                }
            }
            Replica l = r.remove(lead);
            List<Replica> ordered = new ArrayList<>();
            ordered.add(new Replica(l.nodeId(), l.url(), Replica.Role.LEADER, l.state()));
            for (Replica rep : r) {
                ordered.add(new Replica(rep.nodeId(), rep.url(), Replica.Role.FOLLOWER, rep.state()));
            }
            r = ordered;
        }
        return new Shard(s.id(), s.state(), r);
    }
}
