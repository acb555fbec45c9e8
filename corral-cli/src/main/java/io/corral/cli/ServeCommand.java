package io.corral.cli;

import io.corral.server.CorralServer;
import io.corral.server.commands.moves.MoveLimits;
import io.corral.server.config.Durations;
import io.corral.server.config.RingMigrationSettings;
import io.corral.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code corral serve}: runs a coordinator until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a Corral coordinator.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "4401", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = "./corral-data",
            description = "Where the log, snapshots and admin.token live (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--raft-port", defaultValue = "0",
            description = "Raft port; 0 derives it: HTTP port + 10000 (or - 10000 above 55535).")
    int raftPort;

    @Option(names = "--heartbeat-interval", defaultValue = "5s",
            description = "How often nodes should heartbeat, e.g. 500ms, 1s (default ${DEFAULT-VALUE}).")
    String heartbeatInterval;

    @Option(names = "--node-timeout", defaultValue = "15s",
            description = "Silence after which a node becomes inactive (default ${DEFAULT-VALUE}).")
    String nodeTimeout;

    @Option(names = "--insecure", defaultValue = "false",
            description = "Accept every request as admin. Only with a loopback --host; for local development.")
    boolean insecure;

    @Option(names = "--http-instances", defaultValue = "2", description = "HTTP event loops (default ${DEFAULT-VALUE}).")
    int httpInstances;

    @Option(names = "--snapshot-every", defaultValue = "20000",
            description = "Raft log entries between automatic snapshots, about two per batch of mutations (default ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--replacement-delay", defaultValue = "30s",
            description = "How long an inactive node keeps its shard replicas before they are re-placed "
                    + "(default ${DEFAULT-VALUE}).")
    String replacementDelay;

    @Option(names = "--max-moves-per-node", defaultValue = "2",
            description = "Shard moves a node may take part in at once (default ${DEFAULT-VALUE}).")
    int maxMovesPerNode;

    @Option(names = "--max-moves", defaultValue = "32",
            description = "Shard moves under way in the cluster at once (default ${DEFAULT-VALUE}).")
    int maxMoves;

    @Option(names = "--move-step-timeout", defaultValue = "10m",
            description = "Time a move phase may take before it is started again (default ${DEFAULT-VALUE}).")
    String moveStepTimeout;

    @Option(names = "--migration-grace", defaultValue = "3s",
            description = "How long routers get to adopt a new map during a ring migration (grow, drain); at least "
                    + "their map refresh interval (default ${DEFAULT-VALUE}).")
    String migrationGrace;

    @Option(names = "--shard-api-key", description = "API key sent to data shards (Quiver's shard_key) as "
            + "Authorization: Bearer when the coordinator copies or drops data; default none.")
    String shardApiKey;

    @Option(names = "--config", description = "A properties file with option values (see README for precedence).")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServerConfig c;
        try {
            c = new ServerConfig(host, port, raftPort, dataDir.toAbsolutePath().normalize(),
                    Durations.parseMillis(heartbeatInterval), Durations.parseMillis(nodeTimeout), insecure,
                    httpInstances, snapshotEvery, Durations.parseMillis(replacementDelay),
                    new MoveLimits(maxMovesPerNode, maxMoves, Durations.parseMillis(moveStepTimeout), 3))
                    .withRingMigrations(RingMigrationSettings.DEFAULT.withGraceMs(Durations.parseMillis(migrationGrace))
                            .withShardApiKey(shardApiKey));
        } catch (IllegalArgumentException e) {
            System.err.println("corral serve: " + e.getMessage());
            return 2;
        }
        CorralServer server = CorralServer.start(c);
        System.err.println("Corral is serving on " + server.url() + "; admin token in " + server.adminTokenPath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "corral-shutdown"));
        stopped.await();
        return 0;
    }
}
