package io.corral.server.records;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.MapChange;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.Node;
import io.corral.server.domain.Operation;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;
import java.util.ArrayList;
import java.util.List;
import org.pcollections.PSortedMap;

/**
 * Replays records into images. A pure, total function: it never reads a clock, does no I/O and
 * never throws for a record whose precondition no longer holds (such a record is a no-op), so every
 * replica reaches the same image from the same log. Each applied record also appends the event that
 * describes it through {@link EventJournal} (aggregated, bounded by count and age), and each map
 * change is remembered (the newest {@link #MAP_CHANGE_RETENTION_COUNT}) for watchers that resume.
 */
public final class Replayer {
    /** How many events the replicated state keeps; older ones are dropped on replay. */
    public static final int EVENT_RETENTION_COUNT = 10_000;
    /** How many map changes the replicated state keeps for resuming watchers. */
    public static final int MAP_CHANGE_RETENTION_COUNT = 1_024;

    private Replayer() {
    }

    /** Applies a batch of records that was committed at {@code logIndex}. */
    public static ClusterImage apply(ClusterImage image, List<Record> records, long logIndex) {
        ClusterImage out = image;
        for (Record r : records) {
            out = apply(out, r);
        }
        return out.withAppliedIndex(Math.max(out.appliedIndex(), logIndex));
    }

    /** Applies one record. */
    public static ClusterImage apply(ClusterImage img, Record record) {
        if (record instanceof WorkspaceCreated r) {
            if (img.workspaces().containsKey(r.workspace().id())) {
                return img;
            }
            return event(img.withWorkspaces(img.workspaces().plus(r.workspace().id(), r.workspace())), r,
                    r.workspace().id(), Event.NORMAL, "workspace.created", "Workspace " + r.workspace().id()
                            + " created", null);
        } else if (record instanceof WorkspaceDeleted r) {
            if (!img.workspaces().containsKey(r.workspaceId())) {
                return img;
            }
            ClusterImage next = AutoscaleReplay.workspaceDeleted(TelemetryReplay.workspaceDeleted(
                    img.withWorkspaces(img.workspaces().minus(r.workspaceId())), r.workspaceId()), r.workspaceId());
            return event(next, r, r.workspaceId(), Event.NORMAL, "workspace.deleted",
                    "Workspace " + r.workspaceId() + " deleted", null);
        } else if (record instanceof NodeRegistered r) {
            return registered(img, r);
        } else if (record instanceof NodeUpdated r) {
            return updated(img, r);
        } else if (record instanceof NodeStatusChanged r) {
            return statusChanged(img, r);
        } else if (record instanceof NodeRemoved r) {
            return removed(img, r);
        } else if (record instanceof ApiKeyCreated r) {
            if (img.apiKeys().containsKey(r.key().id())) {
                return img;
            }
            return event(img.withApiKeys(img.apiKeys().plus(r.key().id(), r.key())), r, null, Event.NORMAL,
                    "apikey.created", "API key " + r.key().id() + " (" + r.key().role().wire() + ") created", null);
        } else if (record instanceof ApiKeyRevoked r) {
            if (!img.apiKeys().containsKey(r.keyId())) {
                return img;
            }
            return event(img.withApiKeys(img.apiKeys().minus(r.keyId())), r, null, Event.NORMAL, "apikey.revoked",
                    "API key " + r.keyId() + " revoked", null);
        } else if (record instanceof ResourceCreated r) {
            return resourceCreated(img, r);
        } else if (record instanceof ResourceUpdated r) {
            if (!img.resources().containsKey(r.resource().key())) {
                return img;
            }
            return event(img.withResources(img.resources().plus(r.resource().key(), r.resource())), r,
                    r.resource().workspace(), Event.NORMAL, "resource.updated", "Resource " + r.resource().id()
                            + " updated: " + r.change(), null);
        } else if (record instanceof ResourceDeleted r) {
            return resourceDeleted(img, r);
        } else if (record instanceof ShardsChanged r) {
            return shardsChanged(img, r);
        } else if (record instanceof MoveRecorded r) {
            return moveRecorded(img, r);
        } else if (record instanceof OperationRecorded r) {
            Operation op = r.operation();
            return event(img.withMoves(img.moves().with(op)), r, op.workspace(), Event.NORMAL,
                    op.kind() + "." + op.state().name().toLowerCase(java.util.Locale.ROOT),
                    "Rebalance " + op.id() + " of workspace " + op.workspace() + " "
                            + op.state().name().toLowerCase(java.util.Locale.ROOT), null);
        } else if (record instanceof TelemetryRecord r) {
            return TelemetryReplay.apply(img, r);
        } else if (record instanceof AutoscaleRecord r) {
            return AutoscaleReplay.apply(img, r);
        } else if (record instanceof RingMigrationRecorded r) {
            return RingMigrationReplay.apply(img, r);
        } else if (record instanceof ClusterMaintenanceChanged r) {
            boolean on = r.maintenance() != null;
            return event(img.withMaintenance(r.maintenance()), r, null, on ? Event.WARNING : Event.NORMAL,
                    on ? "cluster.maintenance_started" : "cluster.maintenance_ended",
                    on ? "Cluster maintenance mode entered: " + r.maintenance().reason()
                            : "Cluster maintenance mode left", null);
        }
        throw new IllegalStateException("unknown record type " + record.getClass());
    }

    private static ClusterImage registered(ClusterImage img, NodeRegistered r) {
        Node n = r.node();
        if (img.nodes().containsKey(n.id()) || img.nodeIdBySeq().containsKey(n.seq())) {
            return img;
        }
        ClusterImage next = img.withNodes(img.nodes().plus(n.id(), n), img.nodeIdBySeq().plus(n.seq(), n.id()),
                Math.max(img.nextNodeSeq(), n.seq() + 1));
        return event(next, r, n.workspace(), Event.NORMAL, "node.registered",
                "Node " + n.id() + " registered as " + n.role() + " (" + n.status().wire() + ")", n.id());
    }

    private static ClusterImage updated(ClusterImage img, NodeUpdated r) {
        Node old = img.nodes().get(r.node().id());
        if (old == null) {
            return img;
        }
        return event(img.withNodes(img.nodes().plus(old.id(), r.node())), r, old.workspace(), Event.NORMAL,
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
        return EventJournal.append(img.withNodes(img.nodes().plus(old.id(), now)), r, old.workspace(),
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
        ClusterImage next = TelemetryReplay.nodeRemoved(img.withNodes(img.nodes().minus(old.id()),
                img.nodeIdBySeq().minus(old.seq()), img.nextNodeSeq()), old.id());
        return event(next, r, old.workspace(), Event.NORMAL, "node.deleted",
                "Node " + old.id() + " removed" + (r.reason() == null ? "" : ": " + r.reason()), old.id());
    }

    private static ClusterImage resourceCreated(ClusterImage img, ResourceCreated r) {
        Resource res = r.resource();
        if (img.resources().containsKey(res.key()) || !img.workspaces().containsKey(res.workspace())) {
            return img;
        }
        return event(img.withResources(img.resources().plus(res.key(), res)), r, res.workspace(), Event.NORMAL,
                "resource.created", "Resource " + res.id() + " created (" + res.routing().name().toLowerCase()
                        + ", " + res.partitions() + " partitions, replication factor " + res.replicationFactor() + ")",
                null);
    }

    private static ClusterImage resourceDeleted(ClusterImage img, ResourceDeleted r) {
        String key = Resource.key(r.workspace(), r.resourceId());
        if (!img.resources().containsKey(key)) {
            return img;
        }
        ClusterImage next = img.withResources(img.resources().minus(key));
        long version = img.mapVersion() + 1;
        next = withMapChange(next.withMaps(next.maps().minus(key), version,
                next.workspaceMapVersions().plus(r.workspace(), version), next.mapChanges()),
                new MapChange(version, r.workspace(), r.resourceId(), List.of(), List.of(), true, "resource deleted",
                        r.atMs()));
        return event(next, r, r.workspace(), Event.NORMAL, "resource.deleted", "Resource " + r.resourceId()
                + " deleted", null);
    }

    private static ClusterImage shardsChanged(ClusterImage img, ShardsChanged r) {
        String key = Resource.key(r.workspace(), r.resourceId());
        if (!img.resources().containsKey(key)) {
            return img;
        }
        ResourceMap old = img.map(r.workspace(), r.resourceId());
        PSortedMap<Long, Shard> shards = old.shards();
        List<Long> changed = new ArrayList<>(r.set().size());
        for (Shard s : r.set()) {
            shards = shards.plus(s.id(), s);
            changed.add(s.id());
        }
        List<Long> removed = new ArrayList<>(r.removed().size());
        for (Long id : r.removed()) {
            if (shards.containsKey(id)) {
                shards = shards.minus(id);
                removed.add(id);
            }
        }
        long version = img.mapVersion() + 1;
        ResourceMap map = new ResourceMap(version, Math.max(old.nextShardId(), r.nextShardId()), shards);
        ClusterImage next = withMapChange(img.withMaps(img.maps().plus(key, map), version,
                img.workspaceMapVersions().plus(r.workspace(), version), img.mapChanges()),
                new MapChange(version, r.workspace(), r.resourceId(), changed, removed, false, r.reason(), r.atMs()));
        return event(next, r, r.workspace(), Event.NORMAL, "shardmap.changed", "Map version " + version + ": resource "
                + r.resourceId() + ", " + changed.size() + " shard(s) set, " + removed.size() + " removed ("
                + r.reason() + ")", null);
    }

    private static ClusterImage moveRecorded(ClusterImage img, MoveRecorded r) {
        Move m = r.move();
        Move before = img.moves().find(m.id()).orElse(null);
        if (before != null && before.phase().terminal()) {
            return img;
        }
        ClusterImage next = img.withMoves(img.moves().with(m));
        if (before != null && before.phase() == m.phase() && before.attempt() == m.attempt()) {
            return next;
        }
        boolean bad = m.phase() == MovePhase.FAILED || (m.error() != null && !m.phase().terminal());
        String what = before == null ? "created" : m.phase() == before.phase() ? "retrying " + m.phase().wire()
                + " (attempt " + m.attempt() + ")" : before.phase().wire() + " -> " + m.phase().wire();
        return event(next, r, m.workspace(), bad ? Event.WARNING : Event.NORMAL, "move." + (before == null ? "created"
                : m.phase().wire()), "Move " + m.id() + " of " + m.resourceId() + " shard " + m.shardId() + " ("
                + (m.fromNode() == null ? "new replica" : m.fromNode()) + " -> " + m.toNode() + ") " + what
                + (m.error() == null ? "" : ": " + m.error()), m.toNode());
    }

    private static ClusterImage withMapChange(ClusterImage img, MapChange change) {
        PSortedMap<Long, MapChange> changes = img.mapChanges().plus(change.version(), change);
        while (changes.size() > MAP_CHANGE_RETENTION_COUNT) {
            changes = changes.minus(changes.firstKey());
        }
        return img.withMaps(img.maps(), img.mapVersion(), img.workspaceMapVersions(), changes);
    }

    private static ClusterImage event(ClusterImage img, Record r, String workspace, String type, String reason,
                                      String message, String nodeId) {
        return EventJournal.append(img, r, workspace, type, reason, message, nodeId, null);
    }
}
