package io.corral.server.service;

import io.corral.server.commands.rendezvous.DrainRingShard;
import io.corral.server.commands.rendezvous.GrowRing;
import io.corral.server.commands.rendezvous.StartedMigration;
import io.corral.server.controller.Controller;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.Role;
import io.corral.server.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Ring migrations of rendezvous resources: start a grow or a drain (admin), read them (viewer). Starting
 * one only records it; the leader's {@link io.corral.server.shardmap.RingMigrationRunner} carries it out.
 * Knows no HTTP.
 */
public final class RingMigrationService {
    private final Controller controller;

    public RingMigrationService(Controller controller) {
        this.controller = controller;
    }

    /** Adds a joining shard and starts moving its slice to it; completes once both are recorded. */
    public CompletableFuture<StartedMigration> grow(Principal p, String workspace, String resourceId, String primaryUrl,
                                                 List<String> replicaUrls) {
        p.require(Role.ADMIN, workspace);
        return controller.submit(p.actor(), new GrowRing(workspace, resourceId, primaryUrl, replicaUrls));
    }

    /** Marks a shard leaving and starts moving its keys to the other shards; completes once recorded. */
    public CompletableFuture<StartedMigration> drain(Principal p, String workspace, String resourceId, long shardId) {
        p.require(Role.ADMIN, workspace);
        return controller.submit(p.actor(), new DrainRingShard(workspace, resourceId, shardId));
    }

    /** The migrations of a resource that are under way or recently finished, newest first. */
    public List<RingMigration> list(Principal p, String workspace, String resourceId) {
        p.require(Role.VIEWER, workspace);
        List<RingMigration> out = new ArrayList<>();
        for (RingMigration m : controller.image().ringMigrations().migrations().values()) {
            if (m.workspace().equals(workspace) && m.resourceId().equals(resourceId)) {
                out.add(0, m);
            }
        }
        return out;
    }

    public RingMigration get(Principal p, String workspace, long id) {
        p.require(Role.VIEWER, workspace);
        return controller.image().ringMigrations().find(id).filter(m -> m.workspace().equals(workspace))
                .orElseThrow(() -> new CorralException(ErrorCode.NOT_FOUND, "ring migration " + id + " not found",
                        Map.of("migration_id", id)));
    }
}
