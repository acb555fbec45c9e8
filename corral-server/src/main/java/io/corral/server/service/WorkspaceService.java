package io.corral.server.service;

import io.corral.server.commands.CreateWorkspace;
import io.corral.server.commands.DeleteWorkspace;
import io.corral.server.controller.Controller;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Role;
import io.corral.server.domain.Workspace;
import io.corral.server.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Workspaces: any key sees those in its scope; creating and deleting needs an admin key for all workspaces. */
public final class WorkspaceService {
    private final Controller controller;

    public WorkspaceService(Controller controller) {
        this.controller = controller;
    }

    public List<Workspace> list(Principal p) {
        p.requireKey();
        return controller.image().workspaces().values().stream()
                .filter(w -> p.mayAccessWorkspace(w.id()))
                .sorted(Comparator.comparing(Workspace::id))
                .toList();
    }

    public Workspace get(Principal p, String id) {
        p.require(Role.VIEWER, id);
        return controller.image().workspace(id).orElseThrow(() -> CorralException.workspaceNotFound(id));
    }

    public CompletableFuture<Workspace> create(Principal p, String id, String name, String region,
                                               Map<String, String> labels) {
        p.require(Role.ADMIN, null);
        return controller.submit(p.actor(), new CreateWorkspace(id, name, region, labels));
    }

    public CompletableFuture<Workspace> delete(Principal p, String id) {
        p.require(Role.ADMIN, null);
        return controller.submit(p.actor(), new DeleteWorkspace(id));
    }
}
