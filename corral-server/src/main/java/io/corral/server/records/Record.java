package io.corral.server.records;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fact written to the replicated log. Records carry everything replay needs (ids, timestamps, the
 * acting principal): replay reads no clock and does no I/O, so every replica that replays the same
 * records reaches the same {@link io.corral.server.domain.ClusterImage}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkspaceCreated.class, name = "WorkspaceCreated"),
        @JsonSubTypes.Type(value = WorkspaceDeleted.class, name = "WorkspaceDeleted"),
        @JsonSubTypes.Type(value = NodeRegistered.class, name = "NodeRegistered"),
        @JsonSubTypes.Type(value = NodeUpdated.class, name = "NodeUpdated"),
        @JsonSubTypes.Type(value = NodeStatusChanged.class, name = "NodeStatusChanged"),
        @JsonSubTypes.Type(value = NodeRemoved.class, name = "NodeRemoved"),
        @JsonSubTypes.Type(value = ApiKeyCreated.class, name = "ApiKeyCreated"),
        @JsonSubTypes.Type(value = ApiKeyRevoked.class, name = "ApiKeyRevoked"),
        @JsonSubTypes.Type(value = ResourceCreated.class, name = "ResourceCreated"),
        @JsonSubTypes.Type(value = ResourceUpdated.class, name = "ResourceUpdated"),
        @JsonSubTypes.Type(value = ResourceDeleted.class, name = "ResourceDeleted"),
        @JsonSubTypes.Type(value = ShardsChanged.class, name = "ShardsChanged"),
        @JsonSubTypes.Type(value = ClusterMaintenanceChanged.class, name = "ClusterMaintenanceChanged"),
        @JsonSubTypes.Type(value = MoveRecorded.class, name = "MoveRecorded"),
        @JsonSubTypes.Type(value = OperationRecorded.class, name = "OperationRecorded"),
        @JsonSubTypes.Type(value = RingMigrationRecorded.class, name = "RingMigrationRecorded"),
        @JsonSubTypes.Type(value = TelemetryRecord.class),
        @JsonSubTypes.Type(value = AutoscaleRecord.class),
})
public sealed interface Record permits WorkspaceCreated, WorkspaceDeleted, NodeRegistered, NodeUpdated,
        NodeStatusChanged, NodeRemoved, ApiKeyCreated, ApiKeyRevoked, ResourceCreated, ResourceUpdated,
        ResourceDeleted, ShardsChanged, ClusterMaintenanceChanged, MoveRecorded, OperationRecorded,
        TelemetryRecord, AutoscaleRecord, RingMigrationRecorded {

    /** When the command that produced this record was accepted, in epoch milliseconds. */
    long atMs();

    /** Who caused it, e.g. {@code key:k-1a2b}, {@code node:web-1}, {@code system:failure-detector}. */
    String actor();
}
