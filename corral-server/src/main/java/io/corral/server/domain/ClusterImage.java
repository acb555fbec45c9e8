package io.corral.server.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * An immutable snapshot of the replicated state at one applied log index. Built only by replaying
 * records ({@code io.corral.server.records.Replayer}); readers may hold and share it freely, and
 * publishing a new image never disturbs a reader of an older one (persistent maps share structure).
 *
 * @param appliedIndex the Raft log index of the last record applied, 0 for the empty state
 * @param nextNodeSeq  the next node sequence number to assign; only grows
 * @param nextEventSeq the next event sequence number; only grows
 * @param nodeIdBySeq  index from {@link Node#seq()} to node id
 * @param resources    sharded resources by {@link Resource#key()}
 * @param maps         the placement of each resource's shards, by {@link Resource#key()}
 * @param mapVersion   the cluster's shard map version: bumped by every map change, never reused
 * @param workspaceMapVersions the map version at which each workspace's map last changed
 * @param mapChanges   the most recent map changes by version (bounded), for watchers that resume
 * @param maintenance  cluster maintenance mode, or null
 * @param moves        shard moves under way and recently finished
 * @param telemetry    thresholds, breaches, webhooks and pending deliveries (see {@link TelemetryImage})
 * @param autoscale    each workspace's autoscale policy and when it last acted (see {@link AutoscaleImage})
 * @param ringMigrations online migrations of rendezvous rings (grow, drain), under way and recently finished
 */
public record ClusterImage(
        long appliedIndex,
        long nextNodeSeq,
        long nextEventSeq,
        PMap<String, Workspace> workspaces,
        PMap<String, Node> nodes,
        PMap<Long, String> nodeIdBySeq,
        PMap<String, ApiKey> apiKeys,
        PSortedMap<Long, Event> events,
        PMap<String, Resource> resources,
        PMap<String, ResourceMap> maps,
        long mapVersion,
        PMap<String, Long> workspaceMapVersions,
        PSortedMap<Long, MapChange> mapChanges,
        ClusterMaintenance maintenance,
        MoveBook moves,
        TelemetryImage telemetry,
        AutoscaleImage autoscale,
        RingMigrationBook ringMigrations) {

    /** The state before any record: only the {@code default} workspace exists. */
    public static ClusterImage empty() {
        Workspace dflt = new Workspace(Workspace.DEFAULT, "Default workspace", null, Map.of(), 0L);
        return new ClusterImage(0L, 1L, 1L, HashTreePMap.singleton(Workspace.DEFAULT, dflt), HashTreePMap.empty(),
                HashTreePMap.empty(), HashTreePMap.empty(), TreePMap.empty(), HashTreePMap.empty(),
                HashTreePMap.empty(), 0L, HashTreePMap.empty(), TreePMap.empty(), null, MoveBook.EMPTY, TelemetryImage.empty(),
                AutoscaleImage.empty(), RingMigrationBook.EMPTY);
    }

    public ClusterImage withAppliedIndex(long index) {
        return new ClusterImage(index, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys, events,
                resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withWorkspaces(PMap<String, Workspace> ws) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, ws, nodes, nodeIdBySeq, apiKeys, events,
                resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withNodes(PMap<String, Node> n, PMap<Long, String> bySeq, long nextSeq) {
        return new ClusterImage(appliedIndex, nextSeq, nextEventSeq, workspaces, n, bySeq, apiKeys, events,
                resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withNodes(PMap<String, Node> n) {
        return withNodes(n, nodeIdBySeq, nextNodeSeq);
    }

    public ClusterImage withApiKeys(PMap<String, ApiKey> keys) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, keys, events,
                resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withEvents(PSortedMap<Long, Event> e, long nextSeq) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextSeq, workspaces, nodes, nodeIdBySeq, apiKeys, e,
                resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withResources(PMap<String, Resource> r) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, r, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withMaps(PMap<String, ResourceMap> m, long version, PMap<String, Long> wsVersions,
                                 PSortedMap<Long, MapChange> changes) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, resources, m, version, wsVersions, changes, maintenance, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withMoves(MoveBook m) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, m, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withTelemetry(TelemetryImage t) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, t, autoscale,
                ringMigrations);
    }

    public ClusterImage withRingMigrations(RingMigrationBook book) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry,
                autoscale, book);
    }

    public ClusterImage withMaintenance(ClusterMaintenance m) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, resources, maps, mapVersion, workspaceMapVersions, mapChanges, m, moves, telemetry, autoscale, ringMigrations);
    }

    public ClusterImage withAutoscale(AutoscaleImage a) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, resources, maps, mapVersion, workspaceMapVersions, mapChanges, maintenance, moves, telemetry, a, ringMigrations);
    }

    public Optional<Resource> resource(String workspace, String id) {
        return Optional.ofNullable(resources.get(Resource.key(workspace, id)));
    }

    /** The map of a resource; {@link ResourceMap#EMPTY} when it has none. */
    public ResourceMap map(String workspace, String resourceId) {
        ResourceMap m = maps.get(Resource.key(workspace, resourceId));
        return m == null ? ResourceMap.EMPTY : m;
    }

    /** The version at which a workspace's map last changed (0 if never). */
    public long workspaceMapVersion(String workspace) {
        Long v = workspaceMapVersions.get(workspace);
        return v == null ? 0L : v;
    }

    /** Resources of one workspace, ordered by id. */
    public List<Resource> resourcesIn(String workspace) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r.workspace().equals(workspace)) {
                out.add(r);
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(id == null ? null : nodes.get(id));
    }

    /** Finds a node by the u64 id seed 000 shows (see {@link Node#u64Id()}). */
    public Optional<Node> nodeByU64(long u64) {
        Node byId = nodes.get(Long.toUnsignedString(u64));
        if (byId != null) {
            return Optional.of(byId);
        }
        String bySeq = nodeIdBySeq.get(u64);
        Node node = bySeq == null ? null : nodes.get(bySeq);
        return node != null && !NodeIds.isU64(node.id()) ? Optional.of(node) : Optional.empty();
    }

    /** Whether {@code u64} is taken as a seed 000 id, either as a numeric node id or as a sequence number. */
    public boolean u64Taken(long u64) {
        return nodes.containsKey(Long.toUnsignedString(u64)) || nodeIdBySeq.containsKey(u64);
    }

    public Optional<Workspace> workspace(String id) {
        return Optional.ofNullable(id == null ? null : workspaces.get(id));
    }

    public Optional<ApiKey> apiKey(String id) {
        return Optional.ofNullable(id == null ? null : apiKeys.get(id));
    }

    /** Nodes of one workspace (or of all when {@code workspace} is null), ordered by sequence number. */
    public List<Node> nodesIn(String workspace) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (workspace == null || workspace.equals(n.workspace())) {
                out.add(n);
            }
        }
        out.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return out;
    }

    public Collection<Event> eventsSince(long afterSeq) {
        return events.tailMap(afterSeq, false).values();
    }
}
