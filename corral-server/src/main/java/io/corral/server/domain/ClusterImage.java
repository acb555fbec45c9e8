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
 * @param telemetry    thresholds, breaches, webhooks and pending deliveries (see {@link TelemetryImage})
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
        TelemetryImage telemetry) {

    /** The state before any record: only the {@code default} workspace exists. */
    public static ClusterImage empty() {
        Workspace dflt = new Workspace(Workspace.DEFAULT, "Default workspace", null, Map.of(), 0L);
        return new ClusterImage(0L, 1L, 1L, HashTreePMap.singleton(Workspace.DEFAULT, dflt), HashTreePMap.empty(),
                HashTreePMap.empty(), HashTreePMap.empty(), TreePMap.empty(), TelemetryImage.empty());
    }

    /** The same image with other telemetry state. */
    public ClusterImage withTelemetry(TelemetryImage t) {
        return new ClusterImage(appliedIndex, nextNodeSeq, nextEventSeq, workspaces, nodes, nodeIdBySeq, apiKeys,
                events, t);
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
