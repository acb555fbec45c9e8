package io.corral.server.commands.moves;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Replica;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;

/** Which shards a node holds a replica of. */
public final class NodeReplicas {
    private NodeReplicas() {
    }

    /** Number of shard replicas on {@code nodeId}, over every resource. */
    public static int count(ClusterImage img, String nodeId) {
        int n = 0;
        for (ResourceMap map : img.maps().values()) {
            for (Shard s : map.shards().values()) {
                for (Replica r : s.replicas()) {
                    if (nodeId.equals(r.nodeId())) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    public static boolean holdsAny(ClusterImage img, String nodeId) {
        return count(img, nodeId) > 0;
    }
}
