package io.corral.cli;

import io.corral.client.ResourceDefinition;
import io.corral.client.ResourceUpdate;
import io.corral.client.Toleration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The placement settings of a resource, shared by {@code resources create} and {@code update} (a picocli
 * mixin); an option left out is not sent, so the server's default (create) or the current value (update)
 * applies. Lists and maps replace the whole value.
 */
final class ResourceSettings {
    @Option(names = "--shard-key", split = ",", paramLabel = "KEY",
            description = "A shard key (repeatable or comma-separated), e.g. host.")
    List<String> shardKeys;

    @Option(names = "--partitions", paramLabel = "N", description = "Number of partitions.")
    Integer partitions;

    @Option(names = {"--replication", "--replication-factor"}, paramLabel = "N",
            description = "Replicas per partition, leader included.")
    Integer replicationFactor;

    @Option(names = "--time-slice", paramLabel = "DURATION", description = "Time slice, e.g. 24h.")
    String timeSlice;

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE",
            description = "A label every node holding a replica must have (repeatable).")
    Map<String, String> nodeSelector;

    @Option(names = "--toleration", paramLabel = "KEY[=VALUE][:EFFECT]", converter = TolerationConverter.class,
            description = "A taint to tolerate (repeatable): KEY=VALUE:EFFECT, or KEY:EFFECT for any value.")
    List<Toleration> tolerations;

    @Option(names = "--spread-zones", arity = "1", paramLabel = "true|false",
            description = "Put a partition's replicas in distinct zones when enough exist (server default true).")
    Boolean spreadZones;

    @Option(names = "--min-active", paramLabel = "N",
            description = "Re-place a partition at once when fewer of its replicas are active.")
    Integer minActiveReplicas;

    void applyTo(ResourceDefinition d) {
        if (shardKeys != null) {
            d.shardKeys(shardKeys);
        }
        if (partitions != null) {
            d.partitions(partitions);
        }
        if (replicationFactor != null) {
            d.replicationFactor(replicationFactor);
        }
        d.timeSlice(timeSlice);
        if (nodeSelector != null) {
            d.nodeSelector(nodeSelector);
        }
        if (tolerations != null) {
            d.tolerations(tolerations);
        }
        if (spreadZones != null) {
            d.spreadZones(spreadZones);
        }
        if (minActiveReplicas != null) {
            d.minActiveReplicas(minActiveReplicas);
        }
    }

    void applyTo(ResourceUpdate u) {
        if (shardKeys != null) {
            u.shardKeys(shardKeys);
        }
        if (partitions != null) {
            u.partitions(partitions);
        }
        if (replicationFactor != null) {
            u.replicationFactor(replicationFactor);
        }
        if (timeSlice != null) {
            u.timeSlice(timeSlice);
        }
        if (nodeSelector != null) {
            u.nodeSelector(nodeSelector);
        }
        if (tolerations != null) {
            u.tolerations(tolerations);
        }
        if (spreadZones != null) {
            u.spreadZones(spreadZones);
        }
        if (minActiveReplicas != null) {
            u.minActiveReplicas(minActiveReplicas);
        }
    }
}
