package io.corral.server.commands.moves;

import java.util.Locale;
import java.util.Optional;

/**
 * What a node (or an operator) reports about a move. The first four finish a phase and are named as
 * in seed 000 ({@code complete_snapshot_transfer} …); {@code progress} updates the current phase;
 * {@code fail} reports that the current phase failed.
 */
public enum MoveStep {
    SNAPSHOT_TRANSFERRED("complete_snapshot_transfer"),
    WAL_SYNCED("complete_wal_sync"),
    CUTOVER("complete_cutover"),
    CLEANED_UP("complete_cleanup"),
    PROGRESS("progress"),
    FAIL("fail");

    private final String seedName;

    MoveStep(String seedName) {
        this.seedName = seedName;
    }

    public String seedName() {
        return seedName;
    }

    /** Parses a step by its seed name ({@code complete_wal_sync}) or enum name ({@code wal_synced}). */
    public static Optional<MoveStep> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (MoveStep s : values()) {
            if (s.seedName.equals(word) || s.name().equalsIgnoreCase(word.toUpperCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
