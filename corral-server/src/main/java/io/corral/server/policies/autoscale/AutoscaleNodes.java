package io.corral.server.policies.autoscale;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.Standby;
import java.util.ArrayList;
import java.util.List;

/**
 * How autoscale sees a workspace's nodes, each list ordered by node sequence number. <b>Members</b> are the
 * nodes that hold or may hold replicas: every node but coordinators, standby nodes, and nodes that are
 * leaving or gone ({@code draining}, {@code drained}, {@code stopped}, {@code failed}). <b>Standbys</b> are
 * the nodes labelled {@link Standby#LABEL}; only {@code active} ones can be promoted. Pure.
 */
public record AutoscaleNodes(List<Node> members, List<Node> standbys) {

    public static AutoscaleNodes of(ClusterImage img, String workspace) {
        List<Node> members = new ArrayList<>();
        List<Node> standbys = new ArrayList<>();
        for (Node n : img.nodesIn(workspace)) {
            if ("coordinator".equals(n.role())) {
                continue;
            }
            if (Standby.is(n)) {
                standbys.add(n);
            } else if (isMember(n.status())) {
                members.add(n);
            }
        }
        return new AutoscaleNodes(List.copyOf(members), List.copyOf(standbys));
    }

    private static boolean isMember(Lifecycle s) {
        return s != Lifecycle.DRAINING && s != Lifecycle.DRAINED && s != Lifecycle.STOPPED && s != Lifecycle.FAILED;
    }

    /** Members in state {@code active}. */
    public List<Node> activeMembers() {
        return members.stream().filter(n -> n.status() == Lifecycle.ACTIVE).toList();
    }

    /** The standby node a scale-out promotes: the active one registered first, or null. */
    public Node promotable() {
        return standbys.stream().filter(n -> n.status() == Lifecycle.ACTIVE).findFirst().orElse(null);
    }
}
