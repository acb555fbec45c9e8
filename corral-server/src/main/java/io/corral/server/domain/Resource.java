package io.corral.server.domain;

import io.corral.server.policies.placement.Toleration;
import java.util.List;
import java.util.Map;

/**
 * A sharded dataset of a workspace (an InfluxDB {@code db.table}, a Quiver collection, a keyspace)
 * and how it is sharded and placed. Immutable.
 *
 * @param shardKeys         the fields whose values form a routing key (InfluxDB tag columns); may be empty
 * @param partitions        number of hash partitions (PARTITIONED), ≥ 1; unused for RENDEZVOUS
 * @param timeSliceMs       optional time slicing of the data (e.g. 1 day), or null; placement is per partition
 * @param minActiveReplicas replicas that must be on active nodes; below it, re-placement skips the delay
 * @param dataMovement      whether replica changes are immediate map changes or staged moves
 */
public record Resource(String workspace, String id, String kind, RoutingStyle routing, List<String> shardKeys,
                       int partitions, int replicationFactor, Long timeSliceMs, Map<String, String> nodeSelector,
                       List<Toleration> tolerations, boolean spreadZones, int minActiveReplicas,
                       DataMovement dataMovement, long createdAtMs, long updatedAtMs) {

    public static final int MAX_PARTITIONS = 1 << 20;
    public static final int MAX_REPLICATION_FACTOR = 16;

    public Resource {
        shardKeys = List.copyOf(shardKeys);
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        dataMovement = dataMovement == null ? DataMovement.NONE : dataMovement;
    }

    /** The key of this resource in maps: {@code <workspace>/<id>}. */
    public String key() {
        return key(workspace, id);
    }

    public static String key(String workspace, String id) {
        return workspace + "/" + id;
    }
}
