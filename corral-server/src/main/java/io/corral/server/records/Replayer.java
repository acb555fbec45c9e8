package io.corral.server.records;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import java.util.List;
import org.pcollections.PMap;

/**
 * Replays records into images. A pure, total function: it never reads a clock, does no I/O and
 * never throws for a record whose precondition no longer holds (such a record is a no-op), so every
 * replica reaches the same image from the same log. Each applied record also appends the event that
 * describes it through {@link EventJournal} (aggregated, bounded by count and age).
 */
public final class Replayer {
    /** How many events the replicated state keeps; older ones are dropped on replay. */
    public static final int EVENT_RETENTION_COUNT = 10_000;

    private Replayer() {
    }

    /** Applies a batch of records that was committed at {@code logIndex}. */
    public static ClusterImage apply(ClusterImage image, List<Record> records, long logIndex) {
        ClusterImage out = image;
        for (Record r : records) {
            out = apply(out, r);
        }
        return withIndex(out, Math.max(out.appliedIndex(), logIndex));
    }

    /** Applies one record. */
    public static ClusterImage apply(ClusterImage img, Record record) {
        if (record instanceof WorkspaceCreated r) {
            return workspaceCreated(img, r);
        } else if (record instanceof WorkspaceDeleted r) {
            return workspaceDeleted(img, r);
        } else if (record instanceof NodeRegistered r) {
            return registered(img, r);
        } else if (record instanceof NodeUpdated r) {
            return updated(img, r);
        } else if (record instanceof NodeStatusChanged r) {
            return statusChanged(img, r);
        } else if (record instanceof NodeRemoved r) {
            return removed(img, r);
        } else if (record instanceof ApiKeyCreated r) {
            return img.apiKeys().containsKey(r.key().id()) ? img
                    : event(withKeys(img, img.apiKeys().plus(r.key().id(), r.key())), r, null, Event.NORMAL,
                            "apikey.created", "API key " + r.key().id() + " (" + r.key().role().wire() + ") created",
                            null);
        } else if (record instanceof ApiKeyRevoked r) {
            return !img.apiKeys().containsKey(r.keyId()) ? img
                    : event(withKeys(img, img.apiKeys().minus(r.keyId())), r, null, Event.NORMAL, "apikey.revoked",
                            "API key " + r.keyId() + " revoked", null);
        } else if (record instanceof TelemetryRecord r) {
            return TelemetryReplay.apply(img, r);
        }
        throw new IllegalStateException("unknown record type " + record.getClass());
    }

    private static ClusterImage workspaceCreated(ClusterImage img, WorkspaceCreated r) {
        if (img.workspaces().containsKey(r.workspace().id())) {
            return img;
        }
        ClusterImage next = new ClusterImage(img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(),
                img.workspaces().plus(r.workspace().id(), r.workspace()), img.nodes(), img.nodeIdBySeq(),
                img.apiKeys(), img.events(), img.telemetry());
        return event(next, r, r.workspace().id(), Event.NORMAL, "workspace.created",
                "Workspace " + r.workspace().id() + " created", null);
    }

    private static ClusterImage workspaceDeleted(ClusterImage img, WorkspaceDeleted r) {
        if (!img.workspaces().containsKey(r.workspaceId())) {
            return img;
        }
        ClusterImage next = new ClusterImage(img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(),
                img.workspaces().minus(r.workspaceId()), img.nodes(), img.nodeIdBySeq(), img.apiKeys(), img.events(),
                img.telemetry());
        next = TelemetryReplay.workspaceDeleted(next, r.workspaceId());
        return event(next, r, r.workspaceId(), Event.NORMAL, "workspace.deleted",
                "Workspace " + r.workspaceId() + " deleted", null);
    }

    private static ClusterImage registered(ClusterImage img, NodeRegistered r) {
        Node n = r.node();
        if (img.nodes().containsKey(n.id()) || img.nodeIdBySeq().containsKey(n.seq())) {
            return img;
        }
        ClusterImage next = new ClusterImage(img.appliedIndex(), Math.max(img.nextNodeSeq(), n.seq() + 1),
                img.nextEventSeq(), img.workspaces(), img.nodes().plus(n.id(), n), img.nodeIdBySeq().plus(n.seq(), n.id()),
                img.apiKeys(), img.events(), img.telemetry());
        return event(next, r, n.workspace(), Event.NORMAL, "node.registered",
                "Node " + n.id() + " registered as " + n.role() + " (" + n.status().wire() + ")", n.id());
    }

    private static ClusterImage updated(ClusterImage img, NodeUpdated r) {
        Node old = img.nodes().get(r.node().id());
        if (old == null) {
            return img;
        }
        return event(withNodes(img, img.nodes().plus(old.id(), r.node())), r, old.workspace(), Event.NORMAL,
                "node.updated", "Node " + old.id() + " updated: " + r.change(), old.id());
    }

    private static ClusterImage statusChanged(ClusterImage img, NodeStatusChanged r) {
        Node old = img.nodes().get(r.nodeId());
        if (old == null) {
            return img;
        }
        Node now = old.withStatus(r.status(), r.resumeStatus(), r.reason(), r.atMs());
        boolean warning = r.status() == Lifecycle.INACTIVE || r.status() == Lifecycle.FAILED;
        String reason = statusReason(old.status(), r.status());
        String message = "Node " + old.id() + " " + old.status().wire() + " -> " + r.status().wire()
                + (r.reason() == null || r.reason().isEmpty() ? "" : ": " + r.reason());
        return EventJournal.append(withNodes(img, img.nodes().plus(old.id(), now)), r, old.workspace(),
                warning ? Event.WARNING : Event.NORMAL, reason, message, old.id(),
                old.status().wire() + "->" + r.status().wire());
    }

    /** The event reason of a status change, in seed 002's names where it has one. */
    static String statusReason(Lifecycle from, Lifecycle to) {
        if (to == Lifecycle.INACTIVE) {
            return "node.health_check_failed";
        } else if (to == Lifecycle.STOPPED) {
            return "node.stopped";
        } else if (from == Lifecycle.PROVISIONING && to == Lifecycle.FAILED) {
            return "node.provisioning_failed";
        } else if (from == Lifecycle.PROVISIONING && to.serving()) {
            return "node.provisioning_completed";
        } else if (from == Lifecycle.STOPPED && to.serving()) {
            return "node.started";
        }
        return "node.status_changed";
    }

    private static ClusterImage removed(ClusterImage img, NodeRemoved r) {
        Node old = img.nodes().get(r.nodeId());
        if (old == null) {
            return img;
        }
        ClusterImage next = new ClusterImage(img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(),
                img.workspaces(), img.nodes().minus(old.id()), img.nodeIdBySeq().minus(old.seq()), img.apiKeys(),
                img.events(), img.telemetry());
        next = TelemetryReplay.nodeRemoved(next, old.id());
        return event(next, r, old.workspace(), Event.NORMAL, "node.deleted",
                "Node " + old.id() + " removed" + (r.reason() == null ? "" : ": " + r.reason()), old.id());
    }

    private static ClusterImage withNodes(ClusterImage img, PMap<String, Node> nodes) {
        return new ClusterImage(img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(), img.workspaces(), nodes,
                img.nodeIdBySeq(), img.apiKeys(), img.events(), img.telemetry());
    }

    private static ClusterImage withKeys(ClusterImage img, PMap<String, io.corral.server.domain.ApiKey> keys) {
        return new ClusterImage(img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(), img.workspaces(),
                img.nodes(), img.nodeIdBySeq(), keys, img.events(), img.telemetry());
    }

    private static ClusterImage withIndex(ClusterImage img, long index) {
        return new ClusterImage(index, img.nextNodeSeq(), img.nextEventSeq(), img.workspaces(), img.nodes(),
                img.nodeIdBySeq(), img.apiKeys(), img.events(), img.telemetry());
    }

    private static ClusterImage event(ClusterImage img, Record r, String workspace, String type, String reason,
                                      String message, String nodeId) {
        return EventJournal.append(img, r, workspace, type, reason, message, nodeId, null);
    }
}
