package io.corral.client;

/**
 * A resource's toleration of node taints, as in Kubernetes: {@code operator} {@code Equal} tolerates a taint
 * with this key and value, {@code Exists} one with this key whatever its value; a null {@code effect}
 * tolerates every effect ({@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}).
 */
public record Toleration(String key, String operator, String value, String effect) {
    /** Tolerates the taint {@code key=value} with {@code effect} (null: any effect). */
    public static Toleration equal(String key, String value, String effect) {
        return new Toleration(key, "Equal", value, effect);
    }

    /** Tolerates every taint with {@code key} and {@code effect} (null: any effect). */
    public static Toleration exists(String key, String effect) {
        return new Toleration(key, "Exists", null, effect);
    }
}
