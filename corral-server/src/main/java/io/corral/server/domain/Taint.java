package io.corral.server.domain;

/**
 * A node taint in the Kubernetes sense: only shards whose placement tolerates it may be placed on
 * the node. {@code effect} is one of {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}.
 */
public record Taint(String key, String value, String effect) {
    public static final java.util.Set<String> EFFECTS = java.util.Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
}
