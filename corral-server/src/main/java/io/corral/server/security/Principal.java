package io.corral.server.security;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Role;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling. An API key principal has a role and a workspace scope; a node principal (a node
 * token) may act only for its own node; {@link #insecure()} stands for every caller when the server
 * runs with {@code --insecure}.
 */
public record Principal(Kind kind, String id, Role role, Set<String> workspaces) {

    public enum Kind { KEY, NODE, INSECURE, SYSTEM }

    public static Principal key(String keyId, Role role, Set<String> workspaces) {
        return new Principal(Kind.KEY, keyId, role, workspaces);
    }

    public static Principal node(String nodeId, String workspace) {
        return new Principal(Kind.NODE, nodeId, null, Set.of(workspace));
    }

    public static Principal insecure() {
        return new Principal(Kind.INSECURE, "anonymous", Role.ADMIN, Set.of("*"));
    }

    public static Principal system(String component) {
        return new Principal(Kind.SYSTEM, component, Role.ADMIN, Set.of("*"));
    }

    /** How the audit trail names this caller: {@code key:<id>}, {@code node:<id>}, {@code system:<x>}, {@code anonymous}. */
    public String actor() {
        return switch (kind) {
            case KEY -> "key:" + id;
            case NODE -> "node:" + id;
            case SYSTEM -> "system:" + id;
            case INSECURE -> "anonymous";
        };
    }

    public boolean mayAccessWorkspace(String workspace) {
        return workspaces.contains("*") || workspaces.contains(workspace);
    }

    /**
     * Requires at least {@code required} in {@code workspace} (null: a cluster-wide action, which
     * needs a key scoped to all workspaces). Throws 403 otherwise.
     */
    public void require(Role required, String workspace) {
        requireKey();
        if (!role.atLeast(required)) {
            throw new CorralException(ErrorCode.FORBIDDEN, "this call needs the " + required.wire()
                    + " role; the key has " + role.wire(), Map.of("required_role", required.wire()));
        }
        boolean scoped = workspace == null ? workspaces.contains("*") : mayAccessWorkspace(workspace);
        if (!scoped) {
            throw new CorralException(ErrorCode.FORBIDDEN, workspace == null
                    ? "this call needs a key scoped to all workspaces"
                    : "the key is not scoped to workspace '" + workspace + "'",
                    workspace == null ? Map.of() : Map.of("workspace_id", workspace));
        }
    }

    /**
     * Requires that this caller may read {@code workspace}'s shard map: a key with at least the viewer role
     * there, or a node token of a node in that workspace (a node follows the map of the shards it serves).
     * Throws 403 otherwise.
     */
    public void requireMapReader(String workspace) {
        if (kind == Kind.NODE) {
            if (!mayAccessWorkspace(workspace)) {
                throw new CorralException(ErrorCode.FORBIDDEN, "a node token may read only its own workspace's map",
                        Map.of("workspace_id", workspace));
            }
            return;
        }
        require(Role.VIEWER, workspace);
    }

    /** Requires an API key (any role); node tokens are refused with 403. */
    public void requireKey() {
        if (kind == Kind.NODE) {
            throw new CorralException(ErrorCode.FORBIDDEN, "a node token may act only for its own node",
                    Map.of("node_id", id));
        }
    }

    /**
     * Requires the right to act for node {@code nodeId} of {@code workspace}: its own node token, or a
     * key with at least {@code keyRole} in that workspace.
     */
    public void requireNode(String nodeId, String workspace, Role keyRole) {
        if (kind == Kind.NODE) {
            if (!id.equals(nodeId)) {
                throw new CorralException(ErrorCode.FORBIDDEN, "a node token may act only for its own node",
                        Map.of("node_id", nodeId));
            }
            return;
        }
        require(keyRole, workspace);
    }
}
