package io.corral.server.domain;

import java.util.Locale;
import java.util.Optional;

/** API key roles, ordered: a role may do everything the roles before it may. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** Whether this role is at least {@code required}. */
    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String word) {
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
