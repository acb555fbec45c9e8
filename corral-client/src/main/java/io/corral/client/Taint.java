package io.corral.client;

/** A node taint: {@code effect} is {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}; value may be null. */
public record Taint(String key, String value, String effect) {
}
