package io.corral.server.telemetry;

import java.util.Optional;

/**
 * The periods seed 002 offers for node metrics, each answered from the history tier whose buckets
 * suit it: {@code 5m} and {@code 1h} from the 30-second tier, {@code 6h} and {@code 24h} from the
 * 10-minute tier, {@code 7d} from the hourly tier.
 */
public enum Period {
    FIVE_MINUTES("5m", 5 * 60_000L, 0),
    ONE_HOUR("1h", 3_600_000L, 0),
    SIX_HOURS("6h", 6 * 3_600_000L, 1),
    ONE_DAY("24h", 24 * 3_600_000L, 1),
    SEVEN_DAYS("7d", 7 * 24 * 3_600_000L, 2);

    private final String wire;
    private final long spanMs;
    private final int tier;

    Period(String wire, long spanMs, int tier) {
        this.wire = wire;
        this.spanMs = spanMs;
        this.tier = tier;
    }

    public String wire() {
        return wire;
    }

    public long spanMs() {
        return spanMs;
    }

    /** Index into {@link NodeHistory#TIERS}. */
    int tier() {
        return tier;
    }

    public static Optional<Period> parse(String word) {
        for (Period p : values()) {
            if (p.wire.equalsIgnoreCase(word == null ? "" : word.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
