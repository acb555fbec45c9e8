package io.corral.server.shardmap;

import io.corral.server.commands.moves.ExpireMovePhase;
import io.corral.server.commands.moves.FailMoveOfDownTarget;
import io.corral.server.commands.moves.FinishDrain;
import io.corral.server.commands.moves.MoveLimits;
import io.corral.server.commands.moves.MoveStep;
import io.corral.server.commands.moves.ReportMoveStep;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeChangeFeed;
import io.corral.server.domain.MovePhase;
import io.corral.server.security.Principal;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives moves forward where no node has to: {@link #tick()} (run periodically on the leader) cuts
 * over every move that is caught up; rolls back every move before its cutover whose target is down
 * (it could only wait for the step timeout); expires every phase that has run longer than the step
 * timeout (the phase then starts again, or the move is rolled back when attempts run out); finishes
 * the cleanup of a move whose source is gone or down; and marks draining nodes that hold nothing any
 * more as drained. Moves are replicated state, so a new or restarted coordinator picks them up where
 * they were.
 */
public final class MoveSupervisor {
    private static final String ACTOR = Principal.system("move-supervisor").actor();
    private final Controller controller;
    private final Clock clock;
    private final MoveLimits limits;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Owned by the ticking thread: which nodes events named since the previous tick. */
    private final NodeChangeFeed nodeChanges = new NodeChangeFeed();
    /** Owned by the ticking thread: the ids of the nodes that were draining at the previous tick. */
    private final Set<String> draining = new LinkedHashSet<>();

    public MoveSupervisor(Controller controller, Clock clock, MoveLimits limits) {
        this.controller = controller;
        this.clock = clock;
        this.limits = limits;
    }

    public MoveLimits limits() {
        return limits;
    }

    public void tick() {
        long now = clock.millis();
        ClusterImage image = controller.image();
        trackDraining(image);
        for (String id : draining) {
            if (inFlight.add("drain:" + id)) {
                controller.submit(ACTOR, new FinishDrain(id)).whenComplete((r, e) -> inFlight.remove("drain:" + id));
            }
        }
        for (Move m : controller.image().moves().active().values()) {
            if (m.phase().beforeCutover() && FailMoveOfDownTarget.down(controller.image().nodes().get(m.toNode()))) {
                submit(m, new FailMoveOfDownTarget(m.id()));
            } else if (m.phase() == MovePhase.AWAITING_CUTOVER) {
                submit(m, new ReportMoveStep(m.id(), MoveStep.CUTOVER, null, null, limits));
            } else if (m.phase() == MovePhase.CLEANUP && sourceGone(m)) {
                submit(m, new ReportMoveStep(m.id(), MoveStep.CLEANED_UP, null, null, limits));
            } else if (now - m.phaseStartedAtMs() > limits.stepTimeoutMs()) {
                submit(m, new ExpireMovePhase(m.id(), m.phase(), m.attempt(), limits));
            }
        }
    }

    /**
     * Brings {@link #draining} up to date with {@code image}: looks at every node only on the first tick
     * (or when events were missed), afterwards only at the nodes that events named since the last tick.
     */
    private void trackDraining(ClusterImage image) {
        Set<String> changed = nodeChanges.changedSince(image);
        if (changed == null) {
            draining.clear();
            for (Node n : image.nodes().values()) {
                if (n.status() == Lifecycle.DRAINING) {
                    draining.add(n.id());
                }
            }
            return;
        }
        for (String id : changed) {
            Node n = image.nodes().get(id);
            if (n != null && n.status() == Lifecycle.DRAINING) {
                draining.add(id);
            } else {
                draining.remove(id);
            }
        }
    }

    /** A source that no longer exists or is down cannot clean up; its replica is simply dropped. */
    private boolean sourceGone(Move m) {
        Node n = controller.image().nodes().get(m.fromNode());
        return n == null || n.status() == Lifecycle.INACTIVE || n.status() == Lifecycle.FAILED
                || n.status() == Lifecycle.STOPPED;
    }

    private void submit(Move m, io.corral.server.controller.Command<Move> command) {
        if (inFlight.add(m.id())) {
            controller.submit(ACTOR, command).whenComplete((r, e) -> inFlight.remove(m.id()));
        }
    }
}
