package io.corral.server.commands;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Resource;
import io.corral.server.policies.placement.Toleration;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of resource settings; each failure names the field. */
public final class ResourceRules {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Set<String> OPERATORS = Set.of("Equal", "Exists");

    private ResourceRules() {
    }

    public static String describeId() {
        return "1-200 characters from A-Z a-z 0-9 . _ : - starting with a letter or digit";
    }

    public static void validate(Resource r) {
        if (r.id() == null || !ID.matcher(r.id()).matches()) {
            throw CorralException.invalid("id", "resource id '" + r.id() + "' is not valid: " + describeId());
        }
        if (r.kind() == null || !KIND.matcher(r.kind()).matches()) {
            throw CorralException.invalid("kind", "kind '" + r.kind() + "' must be 1-40 characters from a-z 0-9 _ -");
        }
        if (r.partitions() < 1 || r.partitions() > Resource.MAX_PARTITIONS) {
            throw CorralException.invalid("partitions", "partitions must be between 1 and " + Resource.MAX_PARTITIONS
                    + ", got " + r.partitions());
        }
        if (r.replicationFactor() < 1 || r.replicationFactor() > Resource.MAX_REPLICATION_FACTOR) {
            throw CorralException.invalid("replication_factor", "replication_factor must be between 1 and "
                    + Resource.MAX_REPLICATION_FACTOR + ", got " + r.replicationFactor());
        }
        if (r.minActiveReplicas() < 0 || r.minActiveReplicas() > r.replicationFactor()) {
            throw CorralException.invalid("min_active_replicas", "min_active_replicas must be between 0 and the "
                    + "replication factor (" + r.replicationFactor() + "), got " + r.minActiveReplicas());
        }
        if (r.timeSliceMs() != null && r.timeSliceMs() < 1000) {
            throw CorralException.invalid("time_slice", "time_slice must be at least 1s");
        }
        if (r.shardKeys().size() > 32 || r.shardKeys().stream().anyMatch(k -> k == null || k.isEmpty()
                || k.length() > 200)) {
            throw CorralException.invalid("shard_keys", "shard_keys must be at most 32 non-empty names of up to "
                    + "200 characters");
        }
        if (r.shardKeys().stream().distinct().count() != r.shardKeys().size()) {
            throw CorralException.invalid("shard_keys", "shard_keys must not repeat a name");
        }
        NodeSpec.checkLabels(r.nodeSelector());
        for (Toleration t : r.tolerations()) {
            if (!OPERATORS.contains(t.operator())) {
                throw CorralException.invalid("tolerations", "toleration operator '" + t.operator()
                        + "' must be Equal or Exists");
            }
            if ("Equal".equals(t.operator()) && (t.key() == null || t.key().isEmpty())) {
                throw CorralException.invalid("tolerations", "a toleration with operator Equal needs a key");
            }
            if (t.effect() != null && !io.corral.server.domain.Taint.EFFECTS.contains(t.effect())) {
                throw CorralException.invalid("tolerations", "toleration effect '" + t.effect()
                        + "' must be NoSchedule, PreferNoSchedule or NoExecute");
            }
        }
    }
}
