package io.corral.server.commands.autoscale;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.records.AutoscaleSettingsSet;

/** Sets a workspace's autoscale policy; setting the one it has writes nothing. */
public record SetAutoscaleSettings(String workspace, AutoscaleSettings settings) implements Command<AutoscaleSettings> {

    @Override
    public Outcome<AutoscaleSettings> execute(ClusterImage image, CommandContext ctx) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        if (settings.equals(image.autoscale().settingsOf(workspace))) {
            return Outcome.unchanged(settings);
        }
        return Outcome.of(settings, new AutoscaleSettingsSet(workspace, settings, ctx.nowMs(), ctx.actor()));
    }
}
