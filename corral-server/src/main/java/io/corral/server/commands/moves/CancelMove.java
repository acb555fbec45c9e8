package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import java.util.Map;

/** Cancels a move before its cutover and rolls it back; after the cutover it can only finish. */
public record CancelMove(String moveId, String reason) implements Command<Move> {

    @Override
    public Outcome<Move> execute(ClusterImage img, CommandContext ctx) {
        Move m = MoveTransitions.require(img, moveId);
        if (m.phase() == MovePhase.CANCELLED) {
            return Outcome.unchanged(m);
        }
        if (!m.phase().beforeCutover()) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "move " + m.id() + " is "
                    + m.phase().wire() + "; only a move before its cutover can be cancelled",
                    Map.of("move_id", m.id(), "phase", m.phase().wire()));
        }
        return MoveTransitions.rollBack(img, m, MovePhase.CANCELLED, reason == null ? "cancelled" : reason, ctx);
    }
}
