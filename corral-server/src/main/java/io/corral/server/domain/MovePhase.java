package io.corral.server.domain;

/**
 * The phases of a shard move. Seed 000's words: {@code MigratingSnapshot}, {@code MigratingWAL},
 * {@code AwaitingCutover}, then {@code Stable} on the target while the donor is cleaned, and
 * {@code Cleaned}. Before the cutover a move can be cancelled and rolled back; after it, only rolled
 * forward.
 */
public enum MovePhase {
    /** The target copies a snapshot of the shard from the donor; writes already reach both. */
    SNAPSHOT("MigratingSnapshot"),
    /** The target replays the writes made since the snapshot. */
    CATCH_UP("MigratingWAL"),
    /** The target is caught up; the map flip is next. */
    AWAITING_CUTOVER("AwaitingCutover"),
    /** The map flipped: the target serves, the donor's copy is being dropped. */
    CLEANUP("Stable"),
    DONE("Cleaned"),
    CANCELLED("Stable"),
    FAILED("Stable");

    private final String seedWord;

    MovePhase(String seedWord) {
        this.seedWord = seedWord;
    }

    /** The status word seed 000 uses for a shard in this phase. */
    public String seedWord() {
        return seedWord;
    }

    public boolean terminal() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    /** Whether the map has not flipped yet, so the move can still be rolled back. */
    public boolean beforeCutover() {
        return this == SNAPSHOT || this == CATCH_UP || this == AWAITING_CUTOVER;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The phase whose {@link #wire()} word is {@code word} ({@code catch_up}), if any. */
    public static java.util.Optional<MovePhase> parse(String word) {
        for (MovePhase p : values()) {
            if (p.wire().equals(word)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
