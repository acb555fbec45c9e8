package io.corral.server.domain;

import java.util.List;
import java.util.Map;

/**
 * One member of the cluster as the replicated state knows it. Immutable; every change is a new
 * value produced by replaying a record.
 *
 * <p>{@code id} is unique in the cluster (not only in its workspace), follows {@link NodeIds}, and is
 * never reused while the node exists; {@code seq} is a number assigned at registration that is
 * never reused at all. {@code resumeStatus} is the state to return to when an {@code INACTIVE} node
 * heartbeats again (null otherwise). Soft state such as the last heartbeat and latest metrics is
 * not here: it lives in the leader's memory ({@code io.corral.server.health}).
 *
 * @param monitored whether missed heartbeats make this node inactive
 * @param tokenHash SHA-256 (hex) of the node's own token; never shown by the API
 * @param metadata  free-form JSON values, unmodifiable
 */
public record Node(
        String id,
        long seq,
        String workspace,
        String name,
        String role,
        NodeAddresses addresses,
        Map<String, String> labels,
        List<Taint> taints,
        String zone,
        String region,
        double capacityWeight,
        Lifecycle status,
        Lifecycle resumeStatus,
        String statusReason,
        Map<String, Object> metadata,
        String planId,
        String provider,
        String replicaOf,
        boolean monitored,
        String tokenHash,
        long createdAtMs,
        long updatedAtMs,
        long statusChangedAtMs) {

    /**
     * Keeps one copy of each workspace name however many nodes share it ({@link String#intern}): a heartbeat
     * compares its path's workspace with its node's, and a fleet's heartbeats take turns, so a copy per node
     * would be one more cold read per heartbeat (and memory per node).
     */
    public Node {
        workspace = workspace == null ? null : workspace.intern();
    }

    /** The id seed 000 shows: the id itself when it is a u64 number, otherwise {@link #seq}. */
    public long u64Id() {
        return NodeIds.isU64(id) ? Long.parseUnsignedLong(id) : seq;
    }

    public Node withStatus(Lifecycle newStatus, Lifecycle newResume, String reason, long atMs) {
        return new Node(id, seq, workspace, name, role, addresses, labels, taints, zone, region, capacityWeight,
                newStatus, newResume, reason, metadata, planId, provider, replicaOf, monitored, tokenHash, createdAtMs, atMs, atMs);
    }

    public Node withTokenHash(String newTokenHash, long atMs) {
        return new Node(id, seq, workspace, name, role, addresses, labels, taints, zone, region, capacityWeight,
                status, resumeStatus, statusReason, metadata, planId, provider, replicaOf, monitored, newTokenHash, createdAtMs, atMs,
                statusChangedAtMs);
    }
}
