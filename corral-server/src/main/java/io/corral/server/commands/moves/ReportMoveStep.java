package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.MoveProgress;
import io.corral.server.records.MoveRecorded;
import java.util.Map;

/**
 * A report about a move: a phase finished, progress, or a failure. Finishing a phase the move has
 * already passed changes nothing (reports may be repeated); finishing one it has not reached yet is
 * a conflict. The cutover is allowed only in AWAITING_CUTOVER.
 *
 * <p>A report may say which attempt of which phase it is about ({@code about}, null when it does not).
 * Then a report about an attempt the move has left (the phase timed out and started again, or moved
 * on) is a conflict and changes nothing: a participant's late failure can never fail the attempt that
 * replaced its own, nor a later phase.
 */
public record ReportMoveStep(String moveId, MoveStep step, MoveProgress progress, String error, PhaseAttempt about,
                             MoveLimits limits) implements Command<Move> {

    /** One attempt of one phase of a move. */
    public record PhaseAttempt(MovePhase phase, int attempt) {
    }

    /** A report that does not say which attempt it is about. */
    public ReportMoveStep(String moveId, MoveStep step, MoveProgress progress, String error, MoveLimits limits) {
        this(moveId, step, progress, error, null, limits);
    }

    @Override
    public Outcome<Move> execute(ClusterImage img, CommandContext ctx) {
        Move m = MoveTransitions.require(img, moveId);
        if (m.phase().terminal()) {
            if (step == MoveStep.PROGRESS || step == MoveStep.FAIL) {
                throw conflict(m, "it is " + m.phase().wire());
            }
            return Outcome.unchanged(m);
        }
        requireCurrentAttempt(m);
        switch (step) {
            case PROGRESS:
                Move updated = m.withProgress(progress == null ? MoveProgress.NONE : progress, ctx.nowMs());
                return Outcome.of(updated, new MoveRecorded(updated, ctx.nowMs(), ctx.actor()));
            case FAIL:
                return MoveTransitions.failed(img, m, error == null || error.isBlank() ? "reported failure" : error,
                        limits, ctx);
            default:
                break;
        }
        MovePhase from = finishes(step);
        if (m.phase().ordinal() > from.ordinal()) {
            return Outcome.unchanged(m);
        }
        if (m.phase() != from) {
            throw conflict(m, "it is in " + m.phase().wire() + ", not " + from.wire());
        }
        return MoveTransitions.advance(img, m, next(from), ctx);
    }

    /** The phase that {@code step} finishes (for the steps that finish one). */
    public static MovePhase finishes(MoveStep step) {
        switch (step) {
            case SNAPSHOT_TRANSFERRED:
                return MovePhase.SNAPSHOT;
            case WAL_SYNCED:
                return MovePhase.CATCH_UP;
            case CUTOVER:
                return MovePhase.AWAITING_CUTOVER;
            case CLEANED_UP:
                return MovePhase.CLEANUP;
            default:
                throw new IllegalArgumentException(step.name());
        }
    }

    private static MovePhase next(MovePhase p) {
        return MovePhase.values()[p.ordinal() + 1];
    }

    /** Throws when the report is about an attempt of the phase the move is in, or of this phase, that is over. */
    private void requireCurrentAttempt(Move m) {
        if (about == null) {
            return;
        }
        boolean current = about.phase() == m.phase() && about.attempt() == m.attempt();
        boolean aboutThisPhase = step == MoveStep.PROGRESS || step == MoveStep.FAIL || about.phase() == m.phase();
        if (aboutThisPhase && !current) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "move " + m.id() + " is in "
                    + m.phase().wire() + " attempt " + m.attempt() + "; this '" + step.seedName() + "' is about "
                    + about.phase().wire() + " attempt " + about.attempt() + ", which is over",
                    Map.of("move_id", m.id(), "phase", m.phase().wire(), "attempt", m.attempt()));
        }
    }

    private CorralException conflict(Move m, String why) {
        return new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "move " + m.id() + " cannot take '"
                + step.seedName() + "': " + why, Map.of("move_id", m.id(), "phase", m.phase().wire()));
    }
}
