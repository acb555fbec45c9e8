package io.corral.server.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The one lifecycle every node follows; each seed API shows these states in its own words.
 *
 * <p>{@link #INACTIVE} is the only state the failure detector sets: a node silent for longer than the
 * node timeout leaves {@code ACTIVE}, {@code JOINING} or {@code DRAINING} for {@code INACTIVE} and
 * returns to the state it left when it heartbeats again. {@link #MAINTENANCE} is set by an operator
 * (or the node itself) and means "alive but not serving"; the failure detector leaves it alone.
 */
public enum Lifecycle {
    PROVISIONING,
    JOINING,
    ACTIVE,
    INACTIVE,
    DRAINING,
    DRAINED,
    MAINTENANCE,
    STOPPED,
    FAILED;

    /** {@link #wire()} of each state, by ordinal: made once, not on every reply. */
    private static final String[] WIRE = wireNames();

    private static String[] wireNames() {
        Lifecycle[] all = values();
        String[] names = new String[all.length];
        for (Lifecycle l : all) {
            names[l.ordinal()] = l.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    /** The lower-case word used by the native API and seed 001, e.g. {@code "active"}. */
    public String wire() {
        return WIRE[ordinal()];
    }

    /** Whether a node in this state serves traffic (seed 001's serving flag). */
    public boolean serving() {
        return this == ACTIVE || this == JOINING || this == DRAINING;
    }

    /** Whether the failure detector watches a node in this state for missed heartbeats. */
    public boolean watchedForHeartbeats() {
        return this == ACTIVE || this == JOINING || this == DRAINING || this == DRAINED;
    }

    /** Parses a state name in any letter case ("Active", "active", "ACTIVE"). */
    public static Optional<Lifecycle> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(word.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
