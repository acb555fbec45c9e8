package io.corral.server.config;

import io.corral.server.commands.moves.MoveLimits;
import java.nio.file.Path;

/**
 * Everything a coordinator needs to start. Built by the launcher from flags, environment and a
 * config file (see the README for the precedence); all durations are in milliseconds.
 *
 * @param raftPort          0 derives it from {@code port} (see {@link #effectiveRaftPort()})
 * @param httpInstances     event-loop verticles serving HTTP
 * @param snapshotEveryEntries log entries between automatic snapshots
 * @param replacementDelayMs   how long an inactive node keeps its shard replicas before they are re-placed
 * @param moveLimits           throttles and step timeouts of shard moves
 * @param ringMigrations       grace and shard credentials of ring migrations (grow, drain)
 */
public record ServerConfig(String host, int port, int raftPort, Path dataDir, long heartbeatIntervalMs,
                           long nodeTimeoutMs, boolean insecure, int httpInstances, long snapshotEveryEntries,
                           long replacementDelayMs, MoveLimits moveLimits, RingMigrationSettings ringMigrations) {

    public static final int DEFAULT_PORT = 4401;
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;
    public static final long DEFAULT_NODE_TIMEOUT_MS = 15_000;
    /** Offset from the HTTP port to the derived Raft port: 4401 gives 14401. */
    public static final int RAFT_PORT_OFFSET = 10_000;
    public static final long DEFAULT_REPLACEMENT_DELAY_MS = 30_000;

    /** A configuration with the default re-placement delay. */
    public ServerConfig(String host, int port, int raftPort, Path dataDir, long heartbeatIntervalMs,
                        long nodeTimeoutMs, boolean insecure, int httpInstances, long snapshotEveryEntries) {
        this(host, port, raftPort, dataDir, heartbeatIntervalMs, nodeTimeoutMs, insecure, httpInstances,
                snapshotEveryEntries, DEFAULT_REPLACEMENT_DELAY_MS, MoveLimits.DEFAULT);
    }

    /** A configuration with the default ring migration settings. */
    public ServerConfig(String host, int port, int raftPort, Path dataDir, long heartbeatIntervalMs,
                        long nodeTimeoutMs, boolean insecure, int httpInstances, long snapshotEveryEntries,
                        long replacementDelayMs, MoveLimits moveLimits) {
        this(host, port, raftPort, dataDir, heartbeatIntervalMs, nodeTimeoutMs, insecure, httpInstances,
                snapshotEveryEntries, replacementDelayMs, moveLimits, RingMigrationSettings.DEFAULT);
    }

    /** A configuration with the default move limits. */
    public ServerConfig(String host, int port, int raftPort, Path dataDir, long heartbeatIntervalMs,
                        long nodeTimeoutMs, boolean insecure, int httpInstances, long snapshotEveryEntries,
                        long replacementDelayMs) {
        this(host, port, raftPort, dataDir, heartbeatIntervalMs, nodeTimeoutMs, insecure, httpInstances,
                snapshotEveryEntries, replacementDelayMs, MoveLimits.DEFAULT);
    }

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (raftPort < 0 || raftPort > 65535) {
            throw new IllegalArgumentException("raft port must be 0-65535, got " + raftPort);
        }
        if (heartbeatIntervalMs <= 0) {
            throw new IllegalArgumentException("heartbeat interval must be positive");
        }
        if (nodeTimeoutMs <= heartbeatIntervalMs) {
            throw new IllegalArgumentException("node timeout (" + nodeTimeoutMs + " ms) must be longer than the "
                    + "heartbeat interval (" + heartbeatIntervalMs + " ms)");
        }
        if (insecure && !isLoopback(host)) {
            throw new IllegalArgumentException("--insecure is allowed only with a loopback bind address, not " + host);
        }
        if (httpInstances < 1) {
            throw new IllegalArgumentException("http instances must be at least 1");
        }
        if (moveLimits == null) {
            throw new IllegalArgumentException("move limits are required");
        }
        if (ringMigrations == null) {
            throw new IllegalArgumentException("ring migration settings are required");
        }
        if (replacementDelayMs < 0) {
            throw new IllegalArgumentException("re-placement delay must not be negative");
        }
        if (snapshotEveryEntries < 10) {
            throw new IllegalArgumentException("snapshot interval must be at least 10 entries");
        }
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, 0, dataDir, DEFAULT_HEARTBEAT_INTERVAL_MS,
                DEFAULT_NODE_TIMEOUT_MS, false, 2, 20_000);
    }

    /** The Raft port: the configured one, or {@code port + 10000}, or {@code port - 10000} when that overflows. */
    public int effectiveRaftPort() {
        if (raftPort != 0) {
            return raftPort;
        }
        if (port == 0) {
            return 0;
        }
        return port + RAFT_PORT_OFFSET <= 65535 ? port + RAFT_PORT_OFFSET : port - RAFT_PORT_OFFSET;
    }

    public ServerConfig withPorts(int newPort, int newRaftPort) {
        return new ServerConfig(host, newPort, newRaftPort, dataDir, heartbeatIntervalMs, nodeTimeoutMs, insecure,
                httpInstances, snapshotEveryEntries, replacementDelayMs, moveLimits, ringMigrations);
    }

    public ServerConfig withRingMigrations(RingMigrationSettings settings) {
        return new ServerConfig(host, port, raftPort, dataDir, heartbeatIntervalMs, nodeTimeoutMs, insecure,
                httpInstances, snapshotEveryEntries, replacementDelayMs, moveLimits, settings);
    }

    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
