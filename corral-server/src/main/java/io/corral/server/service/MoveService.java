package io.corral.server.service;

import io.corral.server.commands.moves.CancelMove;
import io.corral.server.commands.moves.MoveLimits;
import io.corral.server.commands.moves.MoveStep;
import io.corral.server.commands.moves.ReportMoveStep;
import io.corral.server.commands.moves.StartMove;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Move;
import io.corral.server.domain.MoveProgress;
import io.corral.server.domain.Role;
import io.corral.server.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Shard moves: start (operator), list and read (viewer, or a node for the moves it takes part in),
 * report steps and progress (the node concerned, or an operator), cancel (operator).
 */
public final class MoveService {
    private final Controller controller;
    private final MoveLimits limits;

    /** Which moves to list. */
    public enum Filter { ACTIVE, FINISHED, ALL }

    public MoveService(Controller controller, MoveLimits limits) {
        this.controller = controller;
        this.limits = limits;
    }

    public MoveLimits limits() {
        return limits;
    }

    public CompletableFuture<Move> start(Principal p, String ws, String resourceId, long shardId, String from,
                                         String to, String reason) {
        p.require(Role.OPERATOR, ws);
        return controller.submit(p.actor(), new StartMove(ws, resourceId, shardId, from, to,
                reason == null ? "requested" : reason, null, limits));
    }

    /** Moves of a workspace, newest first; a node token sees only the moves it takes part in. */
    public List<Move> list(Principal p, String ws, Filter filter, String nodeId, String resourceId) {
        ClusterImage img = controller.image();
        String onlyNode = nodeId;
        if (p.kind() == Principal.Kind.NODE) {
            if (nodeId != null && !nodeId.equals(p.id())) {
                throw new CorralException(ErrorCode.FORBIDDEN, "a node token may list only its own moves");
            }
            onlyNode = p.id();
        } else {
            p.require(Role.VIEWER, ws);
        }
        if (img.workspace(ws).isEmpty()) {
            throw CorralException.workspaceNotFound(ws);
        }
        List<Move> out = new ArrayList<>();
        if (filter != Filter.FINISHED) {
            out.addAll(img.moves().active().descendingMap().values());
        }
        if (filter != Filter.ACTIVE) {
            out.addAll(img.moves().finished().descendingMap().values());
        }
        String n = onlyNode;
        out.removeIf(m -> !m.workspace().equals(ws) || (n != null && !m.involves(n))
                || (resourceId != null && !resourceId.equals(m.resourceId())));
        return out;
    }

    public Move get(Principal p, String ws, String moveId) {
        Move m = require(controller.image(), ws, moveId);
        if (p.kind() == Principal.Kind.NODE) {
            requireParticipant(p, m);
        } else {
            p.require(Role.VIEWER, ws);
        }
        return m;
    }

    public CompletableFuture<Move> report(Principal p, String ws, String moveId, MoveStep step, MoveProgress progress,
                                          String error) {
        return report(p, ws, moveId, step, progress, error, null);
    }

    /** A report that says which attempt of which phase it is about ({@code about}; null when it does not). */
    public CompletableFuture<Move> report(Principal p, String ws, String moveId, MoveStep step, MoveProgress progress,
                                          String error, ReportMoveStep.PhaseAttempt about) {
        Move m = require(controller.image(), ws, moveId);
        if (p.kind() == Principal.Kind.NODE) {
            requireParticipant(p, m);
        } else {
            p.require(Role.OPERATOR, ws);
        }
        return controller.submit(p.actor(), new ReportMoveStep(moveId, step, progress, error, about, limits));
    }

    public CompletableFuture<Move> cancel(Principal p, String ws, String moveId) {
        p.require(Role.OPERATOR, ws);
        require(controller.image(), ws, moveId);
        return controller.submit(p.actor(), new CancelMove(moveId, "cancelled by " + p.actor()));
    }

    /** The move under way on a shard (for seed 000's step calls, which name the shard, not the move). */
    public Move activeOn(Principal p, String ws, String resourceId, long shardId) {
        p.require(Role.VIEWER, ws);
        return controller.image().moves().activeOn(ws, resourceId, shardId).orElseThrow(() -> new CorralException(
                ErrorCode.INVALID_STATE_TRANSITION, "shard " + shardId + " of '" + resourceId + "' is not moving",
                Map.of("resource_id", resourceId, "shard_id", shardId)));
    }

    private static Move require(ClusterImage img, String ws, String moveId) {
        Move m = img.moves().find(moveId).orElse(null);
        if (m == null || !m.workspace().equals(ws)) {
            throw new CorralException(ErrorCode.MOVE_NOT_FOUND, "move '" + moveId + "' not found",
                    Map.of("move_id", moveId));
        }
        return m;
    }

    private static void requireParticipant(Principal p, Move m) {
        if (!m.involves(p.id())) {
            throw new CorralException(ErrorCode.FORBIDDEN, "node '" + p.id() + "' takes no part in move " + m.id(),
                    Map.of("move_id", m.id()));
        }
    }
}
