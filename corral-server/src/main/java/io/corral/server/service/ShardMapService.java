package io.corral.server.service;

import io.corral.server.commands.ApplyShardChanges;
import io.corral.server.commands.CreateResource;
import io.corral.server.commands.DeleteResource;
import io.corral.server.commands.SetClusterMaintenance;
import io.corral.server.commands.UpdateResource;
import io.corral.server.commands.rendezvous.AddRendezvousShard;
import io.corral.server.commands.rendezvous.PromoteRendezvousShard;
import io.corral.server.commands.rendezvous.RemoveRendezvousShard;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.ClusterMaintenance;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Resource;
import io.corral.server.domain.Role;
import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.security.Principal;
import io.corral.server.shardmap.AssignmentCache;
import io.corral.server.shardmap.MapWatchHub;
import io.corral.server.shardmap.ShardDelta;
import io.corral.server.shardmap.ShardPlanner;
import io.corral.server.shardmap.StagedMoves;
import io.corral.server.commands.moves.Rebalances;
import io.corral.server.domain.Operation;
import io.corral.server.shardmap.WhatIf;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sharded resources and the shard map: CRUD of resources, reading and watching maps, what-if plans,
 * applying a plan, cluster maintenance mode and rendezvous shards. Checks the caller's rights; knows
 * no HTTP.
 */
public final class ShardMapService {
    private final Controller controller;
    private final MapWatchHub hub;
    private final Clock clock;
    private final ShardPlanner.Settings settings;
    /** The compact form of the maps last planned (see {@link AssignmentCache}). */
    private final AssignmentCache assignments = new AssignmentCache();

    /** A what-if plan: the policy's result and the map changes it implies. */
    public record Plan(PlacementResult result, List<ShardDelta> deltas) {
    }

    public ShardMapService(Controller controller, MapWatchHub hub, Clock clock, ShardPlanner.Settings settings) {
        this.controller = controller;
        this.hub = hub;
        this.clock = clock;
        this.settings = settings;
    }

    public MapWatchHub hub() {
        return hub;
    }

    /** The current image after checking the caller may read {@code workspace}. */
    public ClusterImage read(Principal p, String workspace) {
        p.require(Role.VIEWER, workspace);
        return existing(workspace);
    }

    /**
     * The current image after checking the caller may read {@code workspace}'s shard map, which node tokens
     * of that workspace may too ({@link Principal#requireMapReader}).
     */
    public ClusterImage readMap(Principal p, String workspace) {
        p.requireMapReader(workspace);
        return existing(workspace);
    }

    private ClusterImage existing(String workspace) {
        ClusterImage img = controller.image();
        if (img.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        return img;
    }

    public List<Resource> resources(Principal p, String workspace) {
        return read(p, workspace).resourcesIn(workspace);
    }

    public Resource resource(Principal p, String workspace, String id) {
        return read(p, workspace).resource(workspace, id)
                .orElseThrow(() -> CorralException.resourceNotFound(workspace, id));
    }

    public CompletableFuture<Resource> create(Principal p, Resource spec) {
        p.require(Role.OPERATOR, spec.workspace());
        return controller.submit(p.actor(), new CreateResource(spec, settings));
    }

    /** Applies {@code change}, placing the resource again (if needed) with this service's placement settings. */
    public CompletableFuture<Resource> update(Principal p, UpdateResource change) {
        p.require(Role.OPERATOR, change.workspace());
        return controller.submit(p.actor(), change.placedWith(settings));
    }

    public CompletableFuture<Resource> delete(Principal p, String workspace, String id) {
        p.require(Role.OPERATOR, workspace);
        return controller.submit(p.actor(), new DeleteResource(workspace, id));
    }

    /** What placement would do now, with the hypothetical changes applied; changes nothing. */
    public Plan plan(Principal p, String workspace, WhatIf whatIf) {
        ClusterImage img = read(p, workspace);
        for (String rid : whatIf.resources().keySet()) {
            if (img.resource(workspace, rid).isEmpty()) {
                throw CorralException.resourceNotFound(workspace, rid);
            }
        }
        assignments.forgetDeleted(img);
        PlacementResult result = HierarchicalPlacement.place(ShardPlanner.input(img, workspace, clock.millis(), settings,
                whatIf, assignments));
        return new Plan(result, ShardPlanner.deltas(img, workspace, result, null, assignments));
    }

    /** What {@link #apply} did: the workspace's map version afterwards, and the rebalance it started, if any. */
    public record Applied(long version, Operation rebalance) {
    }

    /**
     * Places the workspace now. Changes to resources without staged data movement are written at once
     * as map changes; if staged resources have replicas to move, a rebalance operation is started
     * (the moves then run under the throttles). Fails with 412 when the map changed meanwhile.
     */
    public CompletableFuture<Applied> apply(Principal p, String workspace) {
        p.require(Role.OPERATOR, workspace);
        ClusterImage img = read(p, workspace);
        long now = clock.millis();
        assignments.forgetDeleted(img);
        var input = ShardPlanner.input(img, workspace, now, settings, WhatIf.NONE, assignments);
        PlacementResult result = HierarchicalPlacement.place(input);
        List<ShardDelta> deltas = ShardPlanner.deltas(img, workspace, result, null, assignments);
        StagedMoves.Split split = StagedMoves.split(img, workspace, result, deltas,
                input.acceptingNodeIds()::contains);
        Map<String, Long> expected = new HashMap<>();
        split.immediate().forEach(d -> expected.put(d.resourceId(), img.map(workspace, d.resourceId()).version()));
        CompletableFuture<Boolean> immediate = ShardPlanner.isEmpty(split.immediate())
                ? CompletableFuture.completedFuture(true)
                : controller.submit(p.actor(), new ApplyShardChanges(workspace, expected, split.immediate(),
                        "plan applied"));
        return immediate.thenCompose(applied -> {
            if (!applied) {
                throw new CorralException(io.corral.server.domain.ErrorCode.PRECONDITION_FAILED,
                        "the map changed while the plan was computed; apply again");
            }
            CompletableFuture<Operation> rebalance = split.moves().isEmpty() ? CompletableFuture.completedFuture(null)
                    : controller.submit(p.actor(), new Rebalances.Start(workspace));
            return rebalance.thenApply(op -> new Applied(controller.image().workspaceMapVersion(workspace), op));
        });
    }

    /** The running rebalance of a workspace, else its latest one, or null. */
    public Operation rebalance(Principal p, String workspace) {
        ClusterImage img = read(p, workspace);
        return img.moves().runningRebalance(workspace).orElse(img.moves().latestRebalance(workspace).orElse(null));
    }

    public CompletableFuture<Operation> startRebalance(Principal p, String workspace) {
        p.require(Role.OPERATOR, workspace);
        return controller.submit(p.actor(), new Rebalances.Start(workspace));
    }

    public CompletableFuture<Operation> cancelRebalance(Principal p, String workspace) {
        p.require(Role.OPERATOR, workspace);
        return controller.submit(p.actor(), new Rebalances.Cancel(workspace));
    }

    public ClusterMaintenance maintenance(Principal p) {
        p.require(Role.VIEWER, null);
        return controller.image().maintenance();
    }

    public CompletableFuture<ClusterMaintenance> setMaintenance(Principal p, boolean enabled, String reason) {
        p.require(Role.ADMIN, null);
        return controller.submit(p.actor(), new SetClusterMaintenance(enabled, reason));
    }

    public CompletableFuture<Long> addRendezvousShard(Principal p, String workspace, String resourceId,
                                                      String primaryUrl, List<String> replicaUrls, boolean joining) {
        p.require(Role.ADMIN, workspace);
        return controller.submit(p.actor(), new AddRendezvousShard(workspace, resourceId, primaryUrl, replicaUrls,
                joining));
    }

    public CompletableFuture<Long> promoteRendezvousShard(Principal p, String workspace, String resourceId, long id) {
        p.require(Role.ADMIN, workspace);
        return controller.submit(p.actor(), new PromoteRendezvousShard(workspace, resourceId, id));
    }

    public CompletableFuture<Long> removeRendezvousShard(Principal p, String workspace, String resourceId, long id) {
        p.require(Role.ADMIN, workspace);
        return controller.submit(p.actor(), new RemoveRendezvousShard(workspace, resourceId, id));
    }
}
