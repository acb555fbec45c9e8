package io.corral.server.shardmap;

import io.corral.server.commands.ApplyShardChanges;
import io.corral.server.commands.moves.MoveLimits;
import io.corral.server.commands.moves.Rebalances;
import io.corral.server.domain.Operation;
import io.corral.server.commands.moves.StartMove;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.policies.placement.NodeMode;
import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.security.Principal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every workspace's partitioned resources placed as the cluster changes. {@link #tick()} (run
 * periodically on the leader) does, per workspace: leadership failover at once (a shard whose leader
 * is on a node that stopped accepting gets a live follower as leader — no data moves); and, unless
 * cluster maintenance mode is on, re-placement by the placement policy, where inactive nodes keep
 * their replicas until the re-placement delay has passed (or a shard falls below its minimum of
 * active replicas). Placement runs only when its input changed since the last run. Changes are
 * written with the map versions they were computed from, so a concurrent change wins and the next
 * tick computes again. For resources with staged data movement, replica changes become moves
 * (within the move throttles; shards already moving wait), and only reorderings and drops of extra
 * replicas are immediate. Moves that repair (missing replicas, sources that stopped accepting) start
 * on their own; moves that only even out the load start while a rebalance operation runs, and the
 * operation ends when nothing is left to move.
 */
public final class Rebalancer {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);
    private static final String ACTOR = Principal.system("rebalancer").actor();

    private final Controller controller;
    private final Clock clock;
    private final ShardPlanner.Settings settings;
    private final MoveLimits moveLimits;
    /** The input of a run that found nothing to do, and the rebalance running then (or null). */
    private record Settled(PlacementInput input, String rebalanceId) {
    }

    /** Per workspace, the last run that found nothing to change. */
    private final Map<String, Settled> settled = new ConcurrentHashMap<>();
    /** Workspaces with changes submitted and not yet committed; they are skipped until then. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** The compact form of the maps last planned, so a tick over unchanged maps does not read them again. */
    private final AssignmentCache assignments = new AssignmentCache();

    public Rebalancer(Controller controller, Clock clock, ShardPlanner.Settings settings, MoveLimits moveLimits) {
        this.controller = controller;
        this.clock = clock;
        this.settings = settings;
        this.moveLimits = moveLimits;
    }

    public ShardPlanner.Settings settings() {
        return settings;
    }

    /**
     * Builds the compact maps of the current image ({@link AssignmentCache#warm}), so that the first tick after
     * this coordinator starts or becomes leader re-places a failed node's replicas without reading a million
     * replicas first. Run it off the tick thread when leadership begins; a tick meanwhile is still correct.
     */
    public void warmUp() {
        assignments.warm(controller.image());
    }

    /** The compact maps this rebalancer keeps (for tests). */
    AssignmentCache assignments() {
        return assignments;
    }

    /** One round over every workspace that has partitioned resources. */
    public void tick() {
        ClusterImage image = controller.image();
        for (String ws : image.workspaces().keySet()) {
            if (!inFlight.contains(ws)
                    && image.resourcesIn(ws).stream().anyMatch(r -> r.routing() == RoutingStyle.PARTITIONED)) {
                tick(image, ws);
            }
        }
    }

    private void tick(ClusterImage image, String ws) {
        long now = clock.millis();
        List<ShardDelta> failovers = ShardPlanner.leaderFailovers(image, ws, now, settings);
        if (!ShardPlanner.isEmpty(failovers)) {
            submit(image, ws, failovers, "leader failover");
            return;
        }
        if (image.maintenance() != null) {
            return;
        }
        assignments.forgetDeleted(image);
        PlacementInput input = ShardPlanner.input(image, ws, now, settings, WhatIf.NONE, assignments);
        Operation rebalance = image.moves().runningRebalance(ws).orElse(null);
        Settled key = new Settled(input, rebalance == null ? null : rebalance.id());
        if (key.equals(settled.get(ws))) {
            return;
        }
        PlacementResult result = HierarchicalPlacement.place(input);
        List<ShardDelta> deltas = ShardPlanner.deltas(image, ws, result, null, assignments);
        StagedMoves.Split split = StagedMoves.split(image, ws, result, deltas, input.acceptingNodeIds()::contains);
        List<StagedMoves.Planned> toStart = split.moves().stream().filter(p -> p.required() || rebalance != null)
                .toList();
        if (ShardPlanner.isEmpty(split.immediate()) && toStart.isEmpty()) {
            if (!split.waiting()) {
                settled.put(ws, key);
                if (rebalance != null) {
                    controller.submit(ACTOR, new Rebalances.Finish(rebalance.id()));
                }
            }
            return;
        }
        if (!ShardPlanner.isEmpty(split.immediate())) {
            submit(image, ws, split.immediate(), reason(input));
        }
        for (StagedMoves.Planned p : toStart) {
            String why = p.required() ? reason(input) : "rebalance " + rebalance.id();
            controller.submit(ACTOR, new StartMove(ws, p.resourceId(), p.shardId(), p.from(), p.to(), why,
                    p.required() ? null : rebalance.id(), moveLimits)).whenComplete((m, e) -> {
                        if (e != null) {
                            LOG.debug("move of {} shard {} not started: {}", p.resourceId(), p.shardId(),
                                    e.getMessage());
                        }
                    });
        }
    }

    private static String reason(PlacementInput input) {
        long evacuating = input.nodes().stream().filter(n -> n.mode() == NodeMode.EVACUATE).count();
        return evacuating > 0 ? "re-placement: " + evacuating + " node(s) to evacuate" : "re-placement";
    }

    private void submit(ClusterImage image, String ws, List<ShardDelta> deltas, String reason) {
        Map<String, Long> expected = new HashMap<>();
        for (ShardDelta d : deltas) {
            expected.put(d.resourceId(), image.map(ws, d.resourceId()).version());
        }
        LOG.info("workspace {}: {} ({} resource(s))", ws, reason, deltas.size());
        inFlight.add(ws);
        controller.submit(ACTOR, new ApplyShardChanges(ws, expected, deltas, reason)).whenComplete((ok, e) -> {
            inFlight.remove(ws);
            if (e != null) {
                LOG.warn("applying {} in workspace {} failed: {}", reason, ws, e.getMessage());
            }
        });
    }
}
