package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Resource;
import io.corral.server.records.ResourceDeleted;

/** Deletes a resource and its map. */
public record DeleteResource(String workspace, String resourceId) implements Command<Resource> {

    @Override
    public Outcome<Resource> execute(ClusterImage image, CommandContext ctx) {
        Resource r = UpdateResource.require(image, workspace, resourceId);
        return Outcome.of(r, new ResourceDeleted(workspace, resourceId, ctx.nowMs(), ctx.actor()));
    }
}
