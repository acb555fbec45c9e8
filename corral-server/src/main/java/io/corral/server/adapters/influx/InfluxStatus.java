package io.corral.server.adapters.influx;

import io.corral.server.domain.Lifecycle;
import java.util.Locale;
import java.util.Optional;

/** Seed 000's status words: Corral's lifecycle states in PascalCase ({@code Active}, {@code Inactive}, {@code Draining} …). */
final class InfluxStatus {
    private InfluxStatus() {
    }

    static String word(Lifecycle s) {
        String w = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    static Optional<Lifecycle> parse(String word) {
        return Lifecycle.parse(word);
    }
}
