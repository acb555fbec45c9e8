package io.corral.server.commands;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Node;

/** Finds the node a command names, or throws the 404 the caller should see. */
public final class NodeLookup {
    private NodeLookup() {
    }

    /**
     * The node with {@code nodeId}; when {@code workspace} is not null the node must belong to it (a node of
     * another workspace is reported as not found, so ids do not leak across tenants).
     */
    public static Node require(ClusterImage image, String workspace, String nodeId) {
        if (workspace != null && image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        Node n = image.nodes().get(nodeId);
        if (n == null || (workspace != null && !workspace.equals(n.workspace()))) {
            throw CorralException.nodeNotFound(nodeId);
        }
        return n;
    }
}
