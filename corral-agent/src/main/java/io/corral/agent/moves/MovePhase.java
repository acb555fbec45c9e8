package io.corral.agent.moves;

import java.util.Locale;

/**
 * The phases of a shard move as the coordinator reports them ({@code phase} in the moves API). The
 * target works in {@link #SNAPSHOT} and {@link #CATCH_UP}, the coordinator cuts over by itself in
 * {@link #AWAITING_CUTOVER}, and the source drops its copy in {@link #CLEANUP}.
 */
public enum MovePhase {
    SNAPSHOT, CATCH_UP, AWAITING_CUTOVER, CLEANUP, DONE, CANCELLED, FAILED;

    /** The phase named {@code word} ({@code catch_up}); {@link IllegalArgumentException} for an unknown word. */
    public static MovePhase parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** Whether the move is over. */
    public boolean terminal() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    /** Whether the move ended without its cutover, so the target's copy is not needed. */
    public boolean rolledBack() {
        return this == CANCELLED || this == FAILED;
    }
}
