package io.corral.server.domain;

import java.util.Set;

/**
 * An API key as stored: only the SHA-256 of the secret token is kept. {@code workspaces} lists the
 * workspaces the key may act in; {@code ["*"]} means all of them.
 */
public record ApiKey(String id, String name, Role role, Set<String> workspaces, String tokenHash, long createdAtMs,
                     String createdBy) {
    public static final String ALL_WORKSPACES = "*";

    public boolean allows(String workspace) {
        return workspaces.contains(ALL_WORKSPACES) || workspaces.contains(workspace);
    }
}
