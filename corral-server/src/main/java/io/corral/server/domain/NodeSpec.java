package io.corral.server.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a caller says about a node when registering it. The constructor validates every field and
 * throws {@link CorralException} ({@code VALIDATION_FAILED}) naming the first bad one.
 *
 * @param id       null to let Corral choose {@code node-<seq>}
 * @param status   the initial state; null means {@code ACTIVE}
 * @param monitored whether missed heartbeats make the node inactive (false for catalog-style nodes
 *                 whose status is set by hand, as in seed 000)
 */
public record NodeSpec(String id, String workspace, String name, String role, NodeAddresses addresses,
                       Map<String, String> labels, List<Taint> taints, String zone, String region,
                       double capacityWeight, Lifecycle status, Map<String, Object> metadata, String planId,
                       String provider, String replicaOf, boolean monitored) {

    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    public static final int MAX_NAME_LENGTH = 253;
    public static final int MAX_LABELS = 64;

    public NodeSpec {
        if (id != null && !NodeIds.isValid(id)) {
            throw CorralException.invalid("id", "node id '" + id + "' is not valid: " + NodeIds.describeRule());
        }
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            throw CorralException.invalid("name", "name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
        role = role == null ? "worker" : role;
        if (!WORD.matcher(role).matches()) {
            throw CorralException.invalid("role", "role '" + role + "' must be 1-63 characters from A-Z a-z 0-9 . _ -");
        }
        zone = checkWord("zone", zone);
        region = checkWord("region", region);
        addresses = addresses == null ? NodeAddresses.NONE : addresses;
        labels = checkLabels(labels);
        taints = checkTaints(taints);
        if (Double.isNaN(capacityWeight) || capacityWeight <= 0 || capacityWeight > 1_000_000) {
            throw CorralException.invalid("capacity_weight", "capacity_weight must be > 0 and <= 1000000");
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        status = status == null ? Lifecycle.ACTIVE : status;
        if (replicaOf != null && !NodeIds.isValid(replicaOf)) {
            throw CorralException.invalid("replica_of", "replica_of must be a node id: " + NodeIds.describeRule());
        }
    }

    /** Checks a zone, region or role word: 1-63 characters from A-Z a-z 0-9 . _ - (null passes). */
    public static String checkWord(String field, String value) {
        if (value != null && !WORD.matcher(value).matches()) {
            throw CorralException.invalid(field, field + " '" + value + "' must be 1-63 characters from A-Z a-z 0-9 . _ -");
        }
        return value;
    }

    /** Validates labels with Kubernetes' rules for keys and values; returns an unmodifiable copy. */
    public static Map<String, String> checkLabels(Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > MAX_LABELS) {
            throw CorralException.invalid("labels", "at most " + MAX_LABELS + " labels are allowed");
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey() == null || e.getKey().length() > 316 || !LABEL_KEY.matcher(e.getKey()).matches()) {
                throw CorralException.invalid("labels", "label key '" + e.getKey()
                        + "' is not valid: an optional DNS prefix and '/', then 1-63 characters from A-Z a-z 0-9 - _ .");
            }
            if (e.getValue() == null || !LABEL_VALUE.matcher(e.getValue()).matches()) {
                throw CorralException.invalid("labels", "label value '" + e.getValue() + "' of key '" + e.getKey()
                        + "' is not valid: 0-63 characters from A-Z a-z 0-9 - _ . starting and ending alphanumeric");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Validates taints: a label-style key, a label-style value, and a known effect. */
    public static List<Taint> checkTaints(List<Taint> taints) {
        if (taints == null) {
            return List.of();
        }
        if (taints.size() > MAX_LABELS) {
            throw CorralException.invalid("taints", "at most " + MAX_LABELS + " taints are allowed");
        }
        for (Taint t : taints) {
            if (t == null || t.key() == null || !LABEL_KEY.matcher(t.key()).matches()) {
                throw CorralException.invalid("taints", "taint key '" + (t == null ? null : t.key()) + "' is not valid");
            }
            if (t.value() != null && !LABEL_VALUE.matcher(t.value()).matches()) {
                throw CorralException.invalid("taints", "taint value '" + t.value() + "' is not valid");
            }
            if (!Taint.EFFECTS.contains(t.effect())) {
                throw CorralException.invalid("taints", "taint effect '" + t.effect()
                        + "' must be one of NoSchedule, PreferNoSchedule, NoExecute");
            }
        }
        return List.copyOf(taints);
    }
}
