package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Node;
import io.corral.server.domain.Workspace;
import io.corral.server.records.WorkspaceDeleted;
import java.util.Map;

/** Deletes an empty workspace. {@code default} is never deleted. */
public record DeleteWorkspace(String id) implements Command<Workspace> {

    @Override
    public Outcome<Workspace> execute(ClusterImage image, CommandContext ctx) {
        Workspace ws = image.workspace(id).orElseThrow(() -> CorralException.workspaceNotFound(id));
        if (Workspace.DEFAULT.equals(id)) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "the default workspace cannot be deleted",
                    Map.of("workspace_id", id));
        }
        long nodes = image.nodes().values().stream().filter((Node n) -> id.equals(n.workspace())).count();
        if (nodes > 0) {
            throw new CorralException(ErrorCode.WORKSPACE_NOT_EMPTY, "workspace '" + id + "' still has " + nodes
                    + " node(s); remove them first", Map.of("workspace_id", id, "nodes", nodes));
        }
        int resources = image.resourcesIn(id).size();
        if (resources > 0) {
            throw new CorralException(ErrorCode.WORKSPACE_NOT_EMPTY, "workspace '" + id + "' still has " + resources
                    + " resource(s); delete them first", Map.of("workspace_id", id, "resources", resources));
        }
        return Outcome.of(ws, new WorkspaceDeleted(id, ctx.nowMs(), ctx.actor()));
    }
}
