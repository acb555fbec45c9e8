package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.Node;

/**
 * The supervisor's verdict that a move cannot finish because its target is down (inactive, failed,
 * stopped or gone): before the cutover the move is rolled back as FAILED, so the shard does not wait
 * for the step timeout with a joining replica nobody can fill, and placement can choose another target.
 * Applies only while the move is before its cutover and the target is still down; otherwise nothing.
 */
public record FailMoveOfDownTarget(String moveId) implements Command<Move> {

    @Override
    public Outcome<Move> execute(ClusterImage img, CommandContext ctx) {
        Move m = MoveTransitions.require(img, moveId);
        Node target = img.nodes().get(m.toNode());
        if (!m.phase().beforeCutover() || !down(target)) {
            return Outcome.unchanged(m);
        }
        String why = "target node '" + m.toNode() + "' is " + (target == null ? "gone" : target.status().wire());
        return MoveTransitions.rollBack(img, m, io.corral.server.domain.MovePhase.FAILED, why, ctx);
    }

    /** Whether a node can no longer take part in a move. */
    public static boolean down(Node n) {
        return n == null || n.status() == Lifecycle.INACTIVE || n.status() == Lifecycle.FAILED
                || n.status() == Lifecycle.STOPPED;
    }
}
