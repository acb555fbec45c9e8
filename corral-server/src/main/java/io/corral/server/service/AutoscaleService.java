package io.corral.server.service;

import io.corral.server.autoscale.Autoscaler;
import io.corral.server.commands.autoscale.SetAutoscaleSettings;
import io.corral.server.controller.Controller;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Node;
import io.corral.server.domain.Role;
import io.corral.server.policies.autoscale.AutoscaleNodes;
import io.corral.server.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A workspace's autoscale policy and what it currently sees: reading needs the viewer role, changing
 * the policy the admin role. Knows no HTTP.
 */
public final class AutoscaleService {
    private final Controller controller;
    private final Autoscaler autoscaler;

    /**
     * The policy of a workspace with its live status.
     *
     * @param standbyNodes   the standby pool, in promotion order
     * @param memberNodes    how many nodes count against {@code min_nodes} and {@code max_nodes}
     * @param lastActionAtMs when autoscale last acted, 0 for never
     * @param latest         the latest decision this coordinator made, or null
     */
    public record Status(String workspace, AutoscaleSettings settings, List<Node> standbyNodes, int memberNodes,
                         long lastActionAtMs, Autoscaler.Observed latest) {
    }

    public AutoscaleService(Controller controller, Autoscaler autoscaler) {
        this.controller = controller;
        this.autoscaler = autoscaler;
    }

    public Status status(Principal p, String workspace) {
        p.require(Role.VIEWER, workspace);
        return statusOf(controller.image(), workspace);
    }

    /** Replaces the workspace's policy; completes with the status once the change is durable. */
    public CompletableFuture<Status> set(Principal p, String workspace, AutoscaleSettings settings) {
        p.require(Role.ADMIN, workspace);
        return controller.submit(p.actor(), new SetAutoscaleSettings(workspace, settings))
                .thenApply(s -> statusOf(controller.image(), workspace));
    }

    private Status statusOf(ClusterImage image, String workspace) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        AutoscaleNodes nodes = AutoscaleNodes.of(image, workspace);
        return new Status(workspace, image.autoscale().settingsOf(workspace), nodes.standbys(),
                nodes.members().size(), image.autoscale().lastActionAtMs(workspace), autoscaler.latest(workspace));
    }
}
