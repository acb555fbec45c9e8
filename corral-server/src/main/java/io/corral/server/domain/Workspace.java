package io.corral.server.domain;

import java.util.Map;

/** A tenancy boundary; every node, resource and key scope belongs to one. {@code default} always exists. */
public record Workspace(String id, String name, String region, Map<String, String> labels, long createdAtMs) {
    public static final String DEFAULT = "default";
}
