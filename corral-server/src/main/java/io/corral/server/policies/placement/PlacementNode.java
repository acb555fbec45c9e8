package io.corral.server.policies.placement;

import io.corral.server.domain.Taint;
import java.util.List;
import java.util.Map;

/**
 * A node as placement sees it.
 *
 * @param zone   null when the node has no zone (it then counts as a zone of its own)
 * @param weight relative capacity, > 0; a node's fair share of replicas is proportional to it
 */
public record PlacementNode(String id, String zone, double weight, Map<String, String> labels, List<Taint> taints,
                            NodeMode mode) {
}
