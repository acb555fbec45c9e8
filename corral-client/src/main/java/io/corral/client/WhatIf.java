package io.corral.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The hypothetical changes of a what-if plan ({@link ShardMapApi#plan}), built fluently: nodes added (as
 * active), removed (their replicas must move), disabled (keep their replicas, receive none), zones down
 * (every node there counts as gone), and resources with other partition counts or replication factors.
 * Nothing set asks what placement would do to the map as it is. Not thread-safe: build it, send it, drop it.
 */
public final class WhatIf {
    private final ObjectNode body = Json.MAPPER.createObjectNode();

    /** Adds a node with this id; {@code zone} and {@code capacityWeight} may be null (the weight defaults to 1.0). */
    public WhatIf addNode(String id, String zone, Double capacityWeight) {
        return addNode(id, zone, capacityWeight, null, null);
    }

    /** Adds a node with labels and taints as well; any argument but the id may be null. */
    public WhatIf addNode(String id, String zone, Double capacityWeight, Map<String, String> labels, List<Taint> taints) {
        ObjectNode node = array("add_nodes").addObject().put("id", id);
        if (zone != null) {
            node.put("zone", zone);
        }
        if (capacityWeight != null) {
            node.put("weight", capacityWeight);
        }
        if (labels != null) {
            Bodies.putMap(node, "labels", labels);
        }
        if (taints != null) {
            Bodies.putTaints(node, taints);
        }
        return this;
    }

    public WhatIf removeNode(String nodeId) {
        array("remove_nodes").add(nodeId);
        return this;
    }

    public WhatIf disableNode(String nodeId) {
        array("disable_nodes").add(nodeId);
        return this;
    }

    public WhatIf zoneDown(String zone) {
        array("zones_down").add(zone);
        return this;
    }

    /** Plans {@code resourceId} with this many partitions. */
    public WhatIf partitions(String resourceId, int partitions) {
        body.withObjectProperty("resources").withObjectProperty(resourceId).put("partitions", partitions);
        return this;
    }

    /** Plans {@code resourceId} with this replication factor. */
    public WhatIf replicationFactor(String resourceId, int replicationFactor) {
        body.withObjectProperty("resources").withObjectProperty(resourceId).put("replication_factor", replicationFactor);
        return this;
    }

    /** A copy of the JSON body as it will be sent. */
    public ObjectNode toJson() {
        return body.deepCopy();
    }

    private ArrayNode array(String field) {
        return body.withArrayProperty(field);
    }
}
