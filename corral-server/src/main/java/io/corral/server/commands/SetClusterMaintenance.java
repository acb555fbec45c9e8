package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.ClusterMaintenance;
import io.corral.server.domain.CorralException;
import io.corral.server.records.ClusterMaintenanceChanged;

/** Enters (with a reason) or leaves cluster maintenance mode; asking for the current mode writes nothing. */
public record SetClusterMaintenance(boolean enabled, String reason) implements Command<ClusterMaintenance> {

    public SetClusterMaintenance {
        if (enabled && (reason == null || reason.isBlank() || reason.length() > 500)) {
            throw CorralException.invalid("reason", "a reason of 1-500 characters is required to enter maintenance");
        }
    }

    @Override
    public Outcome<ClusterMaintenance> execute(ClusterImage image, CommandContext ctx) {
        if (enabled == (image.maintenance() != null)) {
            return Outcome.unchanged(image.maintenance());
        }
        ClusterMaintenance m = enabled ? new ClusterMaintenance(reason, ctx.actor(), ctx.nowMs()) : null;
        return Outcome.of(m, new ClusterMaintenanceChanged(m, ctx.nowMs(), ctx.actor()));
    }
}
