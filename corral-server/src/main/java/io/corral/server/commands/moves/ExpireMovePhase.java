package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;

/**
 * The supervisor's verdict that a move's phase ran out of time: applies only if the move is still in
 * the phase and attempt it saw (else something happened meanwhile and nothing is written).
 */
public record ExpireMovePhase(String moveId, MovePhase phase, int attempt, MoveLimits limits)
        implements Command<Move> {

    @Override
    public Outcome<Move> execute(ClusterImage img, CommandContext ctx) {
        Move m = MoveTransitions.require(img, moveId);
        if (m.phase() != phase || m.attempt() != attempt || m.phase().terminal()) {
            return Outcome.unchanged(m);
        }
        return MoveTransitions.failed(img, m, phase.wire() + " timed out after " + limits.stepTimeoutMs() + " ms",
                limits, ctx);
    }
}
