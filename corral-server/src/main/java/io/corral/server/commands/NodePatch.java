package io.corral.server.commands;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Taint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partial update of a node's descriptive attributes: a null field is left unchanged, an empty map
 * or list clears. Validated on construction like {@link NodeSpec}.
 */
public record NodePatch(String name, Map<String, String> labels, List<Taint> taints, Map<String, Object> metadata,
                        String zone, String region, NodeAddresses addresses, Double capacityWeight) {
    public NodePatch {
        if (name != null && (name.isBlank() || name.length() > NodeSpec.MAX_NAME_LENGTH)) {
            throw CorralException.invalid("name", "name must be 1-" + NodeSpec.MAX_NAME_LENGTH + " characters");
        }
        labels = labels == null ? null : NodeSpec.checkLabels(labels);
        taints = taints == null ? null : NodeSpec.checkTaints(taints);
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (capacityWeight != null && (capacityWeight.isNaN() || capacityWeight <= 0 || capacityWeight > 1_000_000)) {
            throw CorralException.invalid("capacity_weight", "capacity_weight must be > 0 and <= 1000000");
        }
        NodeSpec.checkWord("zone", zone);
        NodeSpec.checkWord("region", region);
    }

    public boolean isEmpty() {
        return name == null && labels == null && taints == null && metadata == null && zone == null && region == null
                && addresses == null && capacityWeight == null;
    }

    /** The fields this patch sets, for the event message. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, "name", name);
        append(sb, "labels", labels);
        append(sb, "taints", taints);
        append(sb, "metadata", metadata);
        append(sb, "zone", zone);
        append(sb, "region", region);
        append(sb, "addresses", addresses);
        append(sb, "capacity_weight", capacityWeight);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String field, Object value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? "" : ", ").append(field);
        }
    }
}
