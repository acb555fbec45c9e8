package io.corral.server.policies.autoscale;

import io.corral.server.config.Durations;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.Node;
import java.util.List;

/**
 * The autoscale decision, as a pure function of the image, a load snapshot and the time: no clock, no
 * I/O, the same answer for the same input. It generalises seed 003's {@code maybe_scale_out}.
 *
 * <p>In order, it does nothing while the policy is disabled, while cluster maintenance mode freezes
 * re-placement, while a shard move of the workspace is under way, while a node of the workspace is
 * draining, and during the cooldown after its last action. Then:
 * <ul>
 *   <li><b>scale out</b> when the busiest active member node reports more than {@code high_water}: promote
 *       the first active standby node — unless the workspace already has {@code max_nodes} members
 *       (when that is set) or there is no active standby (both notable refusals);</li>
 *   <li><b>scale in</b> when the least-loaded active member reports less than {@code low_water}: drain it
 *       — only while the workspace has more than {@code min_nodes} members, every member is active and
 *       reports the metric, and (when a high water is set) the other members would on average stay at or
 *       below the high water, so a scale-in never provokes the next scale-out.</li>
 * </ul>
 * Ties go to the node registered first (busiest) or last (least loaded).
 */
public final class AutoscalePolicy {
    private AutoscalePolicy() {
    }

    /**
     * Decides for one workspace.
     *
     * @param load           the latest value of the policy's metric per node
     * @param nowMs          the current time, epoch ms
     * @param lastActionAtMs when the workspace's autoscaler last acted, 0 for never
     */
    public static Decision decide(ClusterImage img, String workspace, LoadSnapshot load, long nowMs,
                                  long lastActionAtMs) {
        AutoscaleSettings s = img.autoscale().settingsOf(workspace);
        if (!s.enabled() || img.workspace(workspace).isEmpty()) {
            return Decision.none(Refusal.DISABLED, "autoscale is disabled");
        }
        if (!s.metric().equals(load.metric())) {
            return Decision.none(Refusal.METRICS_MISSING, "the load snapshot is of " + load.metric()
                    + ", the policy reads " + s.metric());
        }
        if (img.maintenance() != null) {
            return Decision.none(Refusal.CLUSTER_MAINTENANCE, "cluster maintenance mode is on: "
                    + img.maintenance().reason());
        }
        for (Move m : img.moves().active().values()) {
            if (m.workspace().equals(workspace)) {
                return Decision.none(Refusal.MOVE_IN_PROGRESS, "move " + m.id() + " of " + m.resourceId()
                        + " shard " + m.shardId() + " is under way");
            }
        }
        for (Node n : img.nodesIn(workspace)) {
            if (n.status() == Lifecycle.DRAINING) {
                return Decision.none(Refusal.NODE_DRAINING, "node " + n.id() + " is draining");
            }
        }
        if (lastActionAtMs > 0 && nowMs - lastActionAtMs < s.cooldownMs()) {
            return Decision.none(Refusal.COOLDOWN, "cooling down: the last action was "
                    + Durations.format(Math.max(0, nowMs - lastActionAtMs)) + " ago, the cooldown is "
                    + Durations.format(s.cooldownMs()));
        }
        AutoscaleNodes nodes = AutoscaleNodes.of(img, workspace);
        if (s.scalesOut()) {
            Decision out = scaleOut(s, nodes, load);
            if (out != null) {
                return out;
            }
        }
        if (s.scalesIn()) {
            Decision in = scaleIn(s, nodes, load);
            if (in != null) {
                return in;
            }
        }
        return Decision.none(Refusal.WITHIN_BOUNDS, "every member node is within the water marks of "
                + s.metric() + " (" + nodes.members().size() + " member nodes)");
    }

    /** A scale-out decision or refusal when the high water is exceeded, else null. */
    private static Decision scaleOut(AutoscaleSettings s, AutoscaleNodes nodes, LoadSnapshot load) {
        Node busiest = null;
        double max = 0;
        for (Node n : nodes.activeMembers()) {
            Double v = load.valueOf(n.id());
            if (v != null && (busiest == null || v > max)) {
                busiest = n;
                max = v;
            }
        }
        if (busiest == null || max <= s.highWater()) {
            return null;
        }
        String why = s.metric() + " on node " + busiest.id() + " is " + AutoscaleSettings.format(max)
                + ", above the high water " + AutoscaleSettings.format(s.highWater());
        int count = nodes.members().size();
        if (s.maxNodes() > 0 && count >= s.maxNodes()) {
            return Decision.none(Refusal.AT_MAX_NODES, why + ", but the workspace has " + count
                    + " member nodes and max_nodes is " + s.maxNodes());
        }
        Node standby = nodes.promotable();
        if (standby == null) {
            int idle = nodes.standbys().size();
            return Decision.none(Refusal.STANDBY_POOL_EMPTY, why + ", but the standby pool is empty"
                    + (idle == 0 ? "" : " (" + idle + " standby node" + (idle == 1 ? " is" : "s are")
                    + " not active)"));
        }
        return Decision.scaleOut(standby.id(), why + "; " + count + " member nodes before");
    }

    /** A scale-in decision or refusal when a member is below the low water, else null. */
    private static Decision scaleIn(AutoscaleSettings s, AutoscaleNodes nodes, LoadSnapshot load) {
        List<Node> active = nodes.activeMembers();
        Node least = null;
        double min = 0;
        double sum = 0;
        for (Node n : active) {
            Double v = load.valueOf(n.id());
            if (v == null) {
                continue;
            }
            sum += v;
            if (least == null || v <= min) {
                least = n;
                min = v;
            }
        }
        if (least == null || min >= s.lowWater()) {
            return null;
        }
        String why = s.metric() + " on node " + least.id() + " is " + AutoscaleSettings.format(min)
                + ", below the low water " + AutoscaleSettings.format(s.lowWater());
        int count = nodes.members().size();
        if (count <= s.minNodes()) {
            return Decision.none(Refusal.AT_MIN_NODES, why + ", but the workspace has " + count
                    + " member nodes and min_nodes is " + s.minNodes());
        }
        for (Node n : nodes.members()) {
            if (n.status() != Lifecycle.ACTIVE) {
                return Decision.none(Refusal.MEMBERS_NOT_READY, why + ", but node " + n.id() + " is "
                        + n.status().wire());
            }
            if (load.valueOf(n.id()) == null) {
                return Decision.none(Refusal.METRICS_MISSING, why + ", but node " + n.id() + " reports no "
                        + s.metric());
            }
        }
        double average = sum / (count - 1);
        if (s.highWater() > 0 && average > s.highWater()) {
            return Decision.none(Refusal.WOULD_OVERLOAD, why + ", but the other " + (count - 1)
                    + " nodes would average " + AutoscaleSettings.format(average) + ", above the high water "
                    + AutoscaleSettings.format(s.highWater()));
        }
        return Decision.scaleIn(least.id(), why + "; " + count + " member nodes before, min_nodes "
                + s.minNodes());
    }
}
