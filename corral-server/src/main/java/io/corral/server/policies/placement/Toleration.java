package io.corral.server.policies.placement;

/**
 * A resource's toleration of node taints, in the Kubernetes sense: {@code operator} is {@code Equal}
 * (key and value must match) or {@code Exists} (key must match; an empty key with Exists tolerates
 * everything); {@code effect} null tolerates every effect.
 */
public record Toleration(String key, String operator, String value, String effect) {
}
