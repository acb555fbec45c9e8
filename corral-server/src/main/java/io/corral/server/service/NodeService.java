package io.corral.server.service;

import io.corral.server.commands.NodeLookup;
import io.corral.server.commands.NodePatch;
import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RegisterNode.Registration;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.commands.UpdateNode;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Role;
import io.corral.server.health.FailureDetector;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.health.ReportedServingMode;
import io.corral.server.security.NodeMemo;
import io.corral.server.security.Principal;
import io.corral.server.security.Tokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Node membership: registration, queries, attribute and lifecycle changes, removal and heartbeats.
 * Every method checks the caller's rights first. Mutations complete once durable; heartbeats only
 * touch soft state and complete at once.
 */
public final class NodeService {
    private final Controller controller;
    private final HeartbeatTracker beats;
    private final FailureDetector detector;
    private final Clock clock;
    private final long heartbeatIntervalMs;

    /** Told of every accepted heartbeat, on the caller's thread; must return quickly. */
    @FunctionalInterface
    public interface HeartbeatListener {
        void onHeartbeat(Node node, long atMs, Map<String, Object> metrics);
    }

    private final List<HeartbeatListener> heartbeatListeners = new CopyOnWriteArrayList<>();
    private final ReportedServingMode reportedModes;
    private final NodeMemo memo;

    /** What a heartbeat's sender learns: its node as now known, the time, and when to beat next. */
    public record HeartbeatAck(Node node, long atMs, long heartbeatIntervalMs) {
    }

    /** Finds heartbeating nodes through {@code memo}, the one the {@code Authenticator} checks node tokens with. */
    public NodeService(Controller controller, HeartbeatTracker beats, FailureDetector detector, Clock clock,
                       long heartbeatIntervalMs, NodeMemo memo) {
        this.memo = memo;
        this.controller = controller;
        this.beats = beats;
        this.detector = detector;
        this.clock = clock;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.reportedModes = new ReportedServingMode(controller);
    }

    /** Adds a listener told of every heartbeat (metric history, thresholds). */
    public void addHeartbeatListener(HeartbeatListener listener) {
        heartbeatListeners.add(listener);
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public long nodeTimeoutMs() {
        return detector.nodeTimeoutMs();
    }

    public CompletableFuture<Registration> register(Principal p, NodeSpec spec, boolean upsert) {
        p.require(Role.OPERATOR, spec.workspace());
        return controller.submit(p.actor(), new RegisterNode(spec, Tokens.newSecret(), upsert));
    }

    /** Nodes of {@code workspace} (null: every workspace the caller may see) matching {@code query}. */
    public Page<Node> list(Principal p, String workspace, NodeQuery query) {
        ClusterImage image = controller.image();
        if (workspace != null) {
            p.require(Role.VIEWER, workspace);
            if (image.workspace(workspace).isEmpty()) {
                throw CorralException.workspaceNotFound(workspace);
            }
        } else {
            p.require(Role.VIEWER, null);
        }
        List<Node> matching = new ArrayList<>();
        for (Node n : image.nodesIn(workspace)) {
            if (query.matches(n)) {
                matching.add(n);
            }
        }
        return Page.of(matching, query.page(), query.perPage());
    }

    /** One node; {@code workspace} null finds it in any workspace the caller may see. */
    public Node get(Principal p, String workspace, String nodeId) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.requireNode(n.id(), n.workspace(), Role.VIEWER);
        return n;
    }

    /** Finds a node by the u64 id seed 000 uses (see {@link Node#u64Id()}). */
    public Node findByU64(Principal p, String workspace, long u64) {
        Node n = controller.image().nodeByU64(u64)
                .filter(found -> workspace == null || workspace.equals(found.workspace()))
                .orElseThrow(() -> CorralException.nodeNotFound(Long.toUnsignedString(u64)));
        p.requireNode(n.id(), n.workspace(), Role.VIEWER);
        return n;
    }

    public CompletableFuture<Node> update(Principal p, String workspace, String nodeId, NodePatch patch) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.require(Role.OPERATOR, n.workspace());
        return controller.submit(p.actor(), new UpdateNode(n.workspace(), nodeId, patch));
    }

    /** Maintenance on: the node stops serving ({@code MAINTENANCE}); off: it serves again ({@code ACTIVE}). */
    public CompletableFuture<Node> setMaintenance(Principal p, String workspace, String nodeId, boolean on,
                                                  String reason) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.requireNode(n.id(), n.workspace(), Role.OPERATOR);
        if (reason != null && reason.length() > 500) {
            throw CorralException.invalid("reason", "reason must be at most 500 characters");
        }
        Lifecycle target = on ? Lifecycle.MAINTENANCE : Lifecycle.ACTIVE;
        String why = on ? (reason == null || reason.isBlank() ? "maintenance" : reason) : "maintenance ended";
        if (!on && n.status() != Lifecycle.MAINTENANCE) {
            return CompletableFuture.completedFuture(n);
        }
        return controller.submit(p.actor(), new SetNodeStatus(n.workspace(), nodeId, target, why));
    }

    /**
     * Drains a node: it becomes {@code draining}, its replicas are moved away, and it becomes
     * {@code drained} once it holds none. {@code on} false cancels: the node is active again.
     */
    public CompletableFuture<Node> drain(Principal p, String workspace, String nodeId, boolean on) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.require(Role.OPERATOR, n.workspace());
        if (!on && n.status() != Lifecycle.DRAINING && n.status() != Lifecycle.DRAINED) {
            return CompletableFuture.completedFuture(n);
        }
        return controller.submit(p.actor(), new SetNodeStatus(n.workspace(), nodeId,
                on ? Lifecycle.DRAINING : Lifecycle.ACTIVE, on ? "drain requested" : "drain cancelled"));
    }

    public CompletableFuture<Node> setStatus(Principal p, String workspace, String nodeId, Lifecycle status,
                                             String reason) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.require(Role.OPERATOR, n.workspace());
        return controller.submit(p.actor(), new SetNodeStatus(n.workspace(), nodeId, status, reason));
    }

    public CompletableFuture<Node> remove(Principal p, String workspace, String nodeId, String reason, boolean force) {
        Node n = NodeLookup.require(controller.image(), workspace, nodeId);
        p.require(Role.OPERATOR, n.workspace());
        return controller.submit(p.actor(), new RemoveNode(n.workspace(), nodeId, reason, force))
                .whenComplete((r, e) -> {
                    if (e == null) {
                        beats.forget(nodeId);
                        reportedModes.forget(nodeId);
                    }
                });
    }

    /** Records a heartbeat in soft state; revives the node if it was inactive. Writes nothing to the log. */
    public HeartbeatAck heartbeat(Principal p, String workspace, String nodeId, Map<String, Object> metrics) {
        return heartbeat(p, workspace, nodeId, metrics, null, false);
    }

    /**
     * A heartbeat that also reports the node's serving mode ({@code MAINTENANCE} or {@code ACTIVE}, null for
     * none); a change of the reported mode becomes a status change (see {@link ReportedServingMode}) unless
     * {@code modeAdopted}: the node only took it over from an earlier reply.
     */
    public HeartbeatAck heartbeat(Principal p, String workspace, String nodeId, Map<String, Object> metrics,
                                  Lifecycle reportedMode, boolean modeAdopted) {
        Node n = heartbeatNode(controller.image(), workspace, nodeId);
        p.requireNode(n.id(), n.workspace(), Role.OPERATOR);
        long now = clock.millis();
        beats.record(n.id(), now, metrics);
        detector.heardFrom(n);
        if (reportedMode != null) {
            reportedModes.reported(n, reportedMode, modeAdopted, p.actor());
        }
        for (HeartbeatListener l : heartbeatListeners) {
            l.onHeartbeat(n, now, metrics == null ? Map.of() : metrics);
        }
        return new HeartbeatAck(n, now, heartbeatIntervalMs);
    }

    /** What {@link NodeLookup#require} answers, found through the memo. */
    private Node heartbeatNode(ClusterImage image, String workspace, String nodeId) {
        Node n = memo.node(image, nodeId);
        // A node is in no other workspace than its own; for any other, the lookup reports what is missing.
        return n != null && (workspace == null || workspace.equals(n.workspace())) ? n
                : NodeLookup.require(image, workspace, nodeId);
    }

    /** The last heartbeat of a node, or null. */
    public HeartbeatTracker.Beat lastBeat(String nodeId) {
        return beats.last(nodeId);
    }
}
