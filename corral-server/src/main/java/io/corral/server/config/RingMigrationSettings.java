package io.corral.server.config;

/**
 * How the coordinator runs ring migrations (seed 003's grow and Corral's drain).
 *
 * @param graceMs          how long routers get to adopt a new map before the coordinator relies on it: once
 *                         after the ring changes (before the copy), once after the flip (before the drop);
 *                         must be at least the routers' map refresh interval (Quiver's is 3 s)
 * @param shardApiKey      the API key presented to shards as {@code Authorization: Bearer}, or null for none
 *                         (Quiver's {@code shard_key})
 * @param requestTimeoutMs how long one request to a shard may take before the step fails
 */
public record RingMigrationSettings(long graceMs, String shardApiKey, long requestTimeoutMs) {
    /** Quiver's {@code MIGRATION_GRACE}. */
    public static final long DEFAULT_GRACE_MS = 3_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    public static final RingMigrationSettings DEFAULT = new RingMigrationSettings(DEFAULT_GRACE_MS, null,
            DEFAULT_REQUEST_TIMEOUT_MS);

    public RingMigrationSettings {
        if (graceMs < 0) {
            throw new IllegalArgumentException("migration grace must not be negative");
        }
        if (requestTimeoutMs < 1) {
            throw new IllegalArgumentException("shard request timeout must be positive");
        }
        if (shardApiKey != null && shardApiKey.isBlank()) {
            shardApiKey = null;
        }
    }

    public RingMigrationSettings withGraceMs(long ms) {
        return new RingMigrationSettings(ms, shardApiKey, requestTimeoutMs);
    }

    public RingMigrationSettings withShardApiKey(String key) {
        return new RingMigrationSettings(graceMs, key, requestTimeoutMs);
    }

    @Override
    public String toString() {
        return "RingMigrationSettings[graceMs=" + graceMs + ", shardApiKey=" + (shardApiKey == null ? "none" : "***")
                + ", requestTimeoutMs=" + requestTimeoutMs + "]";
    }
}
