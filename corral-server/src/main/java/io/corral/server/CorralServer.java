package io.corral.server;

import io.corral.server.adapters.influx.InfluxErrorFormat;
import io.corral.server.adapters.influx.InfluxNodesEndpoint;
import io.corral.server.adapters.influx.InfluxMovesEndpoint;
import io.corral.server.adapters.influx.InfluxShardingEndpoint;
import io.corral.server.adapters.proxystone.ProxyStoneEndpoint;
import io.corral.server.adapters.quiver.HealthProbe;
import io.corral.server.adapters.quiver.QuiverEndpoint;
import io.corral.server.adapters.quiver.QuiverErrorFormat;
import io.corral.server.adapters.quiver.QuiverMigrationEndpoint;
import io.corral.server.adapters.quiver.QuiverShardClient;
import io.corral.server.adapters.quiver.QuiverSliceMover;
import io.corral.server.adapters.proxystone.ProxyStoneErrorFormat;
import io.corral.server.autoscale.Autoscaler;
import io.corral.server.autoscale.LoadReader;
import io.corral.server.commands.RegisterNode;
import io.corral.server.config.ServerConfig;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Role;
import io.corral.server.domain.Workspace;
import io.corral.server.health.FailureDetector;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.http.HttpApi;
import io.corral.server.http.HttpVerticle;
import io.corral.server.http.api.AutoscaleEndpoint;
import io.corral.server.http.api.EventStreamEndpoint;
import io.corral.server.http.api.EventsEndpoint;
import io.corral.server.http.api.KeysEndpoint;
import io.corral.server.http.api.MovesEndpoint;
import io.corral.server.http.api.NodesEndpoint;
import io.corral.server.http.api.RebalanceEndpoint;
import io.corral.server.http.api.ResourcesEndpoint;
import io.corral.server.http.api.ShardMapEndpoint;
import io.corral.server.http.api.SystemEndpoint;
import io.corral.server.http.api.TelemetryEndpoint;
import io.corral.server.http.api.WebhooksEndpoint;
import io.corral.server.http.api.WorkspacesEndpoint;
import io.corral.server.metrics.CorralMetrics;
import io.corral.server.security.AdminTokenFile;
import io.corral.server.security.Authenticator;
import io.corral.server.security.NodeMemo;
import io.corral.server.security.Principal;
import io.corral.server.security.Tokens;
import io.corral.server.service.AutoscaleService;
import io.corral.server.service.KeyService;
import io.corral.server.service.MoveService;
import io.corral.server.service.NodeService;
import io.corral.server.service.RingMigrationService;
import io.corral.server.service.ShardMapService;
import io.corral.server.shardmap.MapWatchHub;
import io.corral.server.shardmap.MoveSupervisor;
import io.corral.server.shardmap.Rebalancer;
import io.corral.server.shardmap.RingMigrationRunner;
import io.corral.server.shardmap.ShardPlanner;
import io.corral.server.service.TelemetryService;
import io.corral.server.service.WebhookService;
import io.corral.server.service.WorkspaceService;
import io.corral.server.storage.RatisLog;
import io.corral.server.telemetry.MetricsHistory;
import io.corral.server.telemetry.NodeGaugeExposition;
import io.corral.server.webhooks.RetryPolicy;
import io.corral.server.webhooks.WebhookDispatcher;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: the Raft-backed log, the controller, soft state, services and the HTTP API.
 * {@link #start} returns once the state is loaded, this peer leads, the admin key and the
 * coordinator's own node exist, and the HTTP port is bound.
 */
public final class CorralServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CorralServer.class);
    private static final long LEADERSHIP_TIMEOUT_MS = 60_000;
    /** How often the rebalancer looks for failovers and re-placement. */
    static final long REBALANCE_INTERVAL_MS = 250;
    /** How often the autoscaler looks for workspaces whose evaluation interval has passed. */
    static final long AUTOSCALE_TICK_MS = 250;
    /** How often the ring migration runner looks for a grace that has passed or a step to run. */
    static final long RING_MIGRATION_TICK_MS = 50;

    private final ServerConfig config;
    private final RatisLog log;
    private final Controller controller;
    private final HeartbeatTracker beats;
    private final FailureDetector detector;
    private final MapWatchHub hub;
    private final Rebalancer rebalancer;
    private final MoveSupervisor supervisor;
    private final Autoscaler autoscaler;
    private final RingMigrationRunner ringMigrations;
    private final MetricsHistory history;
    private final NodeService nodes;
    private final Authenticator authenticator;
    private final TelemetryService telemetry;
    private final WebhookDispatcher webhookDispatcher;
    private final ScheduledExecutorService timers;
    /**
     * Work that prepares the leader's ticks without delaying them: warming the rebalancer's compact maps when this
     * coordinator starts or becomes leader.
     */
    private final java.util.concurrent.ExecutorService warmups;
    private final Vertx vertx;
    private final String selfId;
    private final int raftPort;
    private final Path adminTokenPath;
    private volatile boolean ready;
    /** Whether this coordinator led at the failure detector's last check; read and written on the timer thread only. */
    private boolean detectorLeader = true;
    private int port;

    private CorralServer(ServerConfig config) throws Exception {
        this.config = config;
        Files.createDirectories(config.dataDir());
        this.selfId = identity(config.dataDir());
        this.raftPort = config.effectiveRaftPort() == 0 ? freePort() : config.effectiveRaftPort();
        this.log = RatisLog.start(new RatisLog.Options(config.dataDir().resolve("raft"), config.host(), raftPort, selfId,
                config.snapshotEveryEntries()));
        if (!log.awaitLeadership(LEADERSHIP_TIMEOUT_MS)) {
            log.close();
            throw new IllegalStateException("this coordinator did not become leader within " + LEADERSHIP_TIMEOUT_MS
                    + " ms");
        }
        Clock clock = Clock.systemUTC();
        CorralMetrics metrics = new CorralMetrics();
        this.controller = new Controller(log, clock, metrics::recordCommitNanos);
        this.beats = new HeartbeatTracker();
        this.detector = new FailureDetector(controller, beats, clock, config.nodeTimeoutMs());
        metrics.bind(controller, beats);

        // One memo for node tokens and node lookups: a heartbeat finds its node's entry once, then in cache.
        NodeMemo nodeMemo = new NodeMemo();
        this.nodes = new NodeService(controller, beats, detector, clock, config.heartbeatIntervalMs(), nodeMemo);
        this.history = new MetricsHistory();
        this.telemetry = new TelemetryService(controller, beats, history, clock);
        nodes.addHeartbeatListener(telemetry::onHeartbeat);
        metrics.addExposition(new NodeGaugeExposition(controller::image, beats, clock));
        this.webhookDispatcher = new WebhookDispatcher(controller, log::isLeader, clock, RetryPolicy.DEFAULT);
        WorkspaceService workspaces = new WorkspaceService(controller);
        KeyService keys = new KeyService(controller);
        this.authenticator = new Authenticator(controller::image, config.insecure(), nodeMemo);
        ShardPlanner.Settings placement = new ShardPlanner.Settings(config.replacementDelayMs(),
                ShardPlanner.Settings.DEFAULT.epsilon());
        this.hub = new MapWatchHub(controller.image());
        log.onApplied(hub::onImage);
        ShardMapService shardMaps = new ShardMapService(controller, hub, clock, placement);
        this.rebalancer = new Rebalancer(controller, clock, placement, config.moveLimits());
        this.supervisor = new MoveSupervisor(controller, clock, config.moveLimits());
        MoveService moveService = new MoveService(controller, config.moveLimits());
        this.autoscaler = new Autoscaler(controller, new LoadReader(beats::last), clock,
                Autoscaler.DEFAULT_REFUSAL_REPEAT_MS);
        this.ringMigrations = new RingMigrationRunner(controller, clock, config.ringMigrations().graceMs(),
                new QuiverSliceMover(new QuiverShardClient(config.ringMigrations().shardApiKey(),
                        config.ringMigrations().requestTimeoutMs()), QuiverSliceMover.DEFAULT_PAGE_SIZE));
        this.adminTokenPath = ensureAdminKey(keys, authenticator);

        // Linux's epoll through Netty's native transport where its library loads (it ships for x86_64 and
        // aarch64), Java NIO otherwise: the same HTTP server either way, with less CPU per request on epoll.
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        LOG.info("network transport: {}", vertx.isNativeTransportEnabled() ? "epoll (native)"
                : "NIO (" + vertx.unavailableNativeTransportCause() + ")");
        QuiverEndpoint.Probe clusterProbe = new HealthProbe(vertx);
        NodesEndpoint nodesEndpoint = new NodesEndpoint(nodes);
        ShardMapEndpoint shardMapEndpoint = new ShardMapEndpoint(shardMaps);
        ProxyStoneEndpoint proxyStone = new ProxyStoneEndpoint(nodes, selfId, clock.millis());
        List<Consumer<Router>> endpoints = List.of(
                new SystemEndpoint(this::notReadyReason, metrics)::addRoutes,
                new WorkspacesEndpoint(workspaces)::addRoutes,
                new EventsEndpoint(controller, clock)::addRoutes,
                new EventStreamEndpoint(controller)::addRoutes,
                new TelemetryEndpoint(telemetry)::addRoutes,
                new WebhooksEndpoint(new WebhookService(controller))::addRoutes,
                nodesEndpoint::addRoutes,
                new KeysEndpoint(keys)::addRoutes,
                new InfluxNodesEndpoint(nodes)::addRoutes,
                new InfluxShardingEndpoint(shardMaps)::addRoutes,
                new InfluxMovesEndpoint(moveService, shardMaps, nodes)::addRoutes,
                new MovesEndpoint(moveService, clock)::addRoutes,
                new RebalanceEndpoint(shardMaps)::addRoutes,
                new QuiverEndpoint(shardMaps, clusterProbe)::addRoutes,
                new QuiverMigrationEndpoint(new RingMigrationService(controller))::addRoutes,
                new ResourcesEndpoint(shardMaps)::addRoutes,
                shardMapEndpoint::addRoutes,
                new AutoscaleEndpoint(new AutoscaleService(controller, autoscaler))::addRoutes,
                proxyStone::addRoutes);
        HttpApi api = new HttpApi(authenticator, metrics, endpoints, List.of(
                new HttpApi.Area("/cluster/", new QuiverErrorFormat()),
                new HttpApi.Area("/api/v3/", new InfluxErrorFormat()),
                new HttpApi.Area("/api/cluster/", new ProxyStoneErrorFormat())),
                List.of(nodesEndpoint.heartbeatRoute(), proxyStone.heartbeatRoute(), shardMapEndpoint.mapRoute(),
                        nodesEndpoint.registerRoute(), nodesEndpoint.maintenanceRoute()));
        this.port = deployHttp(api);

        registerSelf();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corral-timers");
            t.setDaemon(true);
            return t;
        });
        this.warmups = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "corral-warmup");
            t.setDaemon(true);
            return t;
        });
        warmUpSafely();
        timers.scheduleAtFixedRate(() -> beats.record(selfId, clock.millis(), Map.of()), 0,
                config.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(this::checkSafely, FailureDetector.CHECK_INTERVAL_MS,
                FailureDetector.CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::rebalanceSafely, REBALANCE_INTERVAL_MS, REBALANCE_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::autoscaleSafely, AUTOSCALE_TICK_MS, AUTOSCALE_TICK_MS,
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::runRingMigrationsSafely, RING_MIGRATION_TICK_MS, RING_MIGRATION_TICK_MS,
                TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(telemetry::sweep, 60, 60, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::dispatchSafely, WebhookDispatcher.TICK_MS, WebhookDispatcher.TICK_MS,
                TimeUnit.MILLISECONDS);
        ready = true;
        if (config.insecure()) {
            LOG.warn("INSECURE MODE: every request is treated as an admin. Use only for local development.");
        }
        LOG.info("Corral coordinator {} listening on {} (data dir {}, raft port {})", selfId, url(), config.dataDir(),
                raftPort);
    }

    private String notReadyReason() {
        if (!ready) {
            return "starting";
        }
        if (!log.isLeader()) {
            return "not the leader";
        }
        var self = controller.image().nodes().get(selfId);
        if (self != null && self.status() == io.corral.server.domain.Lifecycle.MAINTENANCE) {
            return "maintenance: " + self.statusReason();
        }
        return null;
    }

    public static CorralServer start(ServerConfig config) throws Exception {
        return new CorralServer(config);
    }

    private void rebalanceSafely() {
        try {
            if (log.isLeader()) {
                supervisor.tick();
                rebalancer.tick();
            }
        } catch (RuntimeException e) {
            LOG.warn("rebalancer tick failed", e);
        }
    }

    /** Warms the rebalancer's compact maps on the warm-up thread, so that the first tick as leader finds them. */
    private void warmUpSafely() {
        warmups.execute(() -> {
            try {
                rebalancer.warmUp();
            } catch (RuntimeException e) {
                LOG.warn("warming the rebalancer's compact maps failed", e);
            }
        });
    }

    private void autoscaleSafely() {
        try {
            if (log.isLeader()) {
                autoscaler.tick();
            }
        } catch (RuntimeException e) {
            LOG.warn("autoscale tick failed", e);
        }
    }

    private void runRingMigrationsSafely() {
        try {
            if (log.isLeader()) {
                ringMigrations.tick();
            }
        } catch (RuntimeException e) {
            LOG.warn("ring migration tick failed", e);
        }
    }

    private void dispatchSafely() {
        try {
            webhookDispatcher.tick();
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch failed", e);
        }
    }

    private void checkSafely() {
        try {
            boolean leader = log.isLeader();
            if (leader && !detectorLeader) {
                detector.leadershipGained();
                warmUpSafely();
            }
            detectorLeader = leader;
            detector.check();
        } catch (RuntimeException e) {
            LOG.warn("failure detector check failed", e);
        }
    }

    /**
     * Deploys the HTTP verticles on one port so they share it, and returns that port. Vert.x shares a
     * port only among servers that ask for the same number, so for port 0 a free port is chosen first
     * (and chosen again should another process take it in between).
     */
    private int deployHttp(HttpApi api) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = config.port() != 0 ? config.port() : freePort();
            try {
                vertx.deployVerticle(() -> new HttpVerticle(api, config.host(), port),
                        new DeploymentOptions().setInstances(config.httpInstances())).await(30, TimeUnit.SECONDS);
                return port;
            } catch (Exception e) {
                if (config.port() != 0 || attempt >= 5 || !(e instanceof java.net.BindException)) {
                    throw e;
                }
                LOG.info("port {} was taken before it could be bound; choosing another", port);
            }
        }
    }

    /** The bootstrap admin key: kept while {@code admin.token} still authenticates as an admin, else made anew. */
    private Path ensureAdminKey(KeyService keys, Authenticator authenticator) throws Exception {
        AdminTokenFile file = new AdminTokenFile(config.dataDir());
        String existing = file.read();
        Principal p = existing == null ? null : new Authenticator(controller::image, false).resolve(existing);
        if (p != null && p.role() == Role.ADMIN && p.workspaces().contains(ApiKey.ALL_WORKSPACES)) {
            return file.path();
        }
        var created = keys.create(Principal.system("bootstrap"), "bootstrap-admin", Role.ADMIN,
                Set.of(ApiKey.ALL_WORKSPACES)).get(30, TimeUnit.SECONDS);
        file.write(created.token());
        LOG.info("created the bootstrap admin key {}; its token is in {} (mode 0600)", created.key().id(), file.path());
        return file.path();
    }

    private void registerSelf() throws Exception {
        NodeSpec spec = new NodeSpec(selfId, Workspace.DEFAULT, selfId, "coordinator",
                new NodeAddresses(url(), config.host() + ":" + raftPort, config.host() + ":" + port),
                Map.of(), List.of(), null, null, 1.0, null, Map.of("version", version()), null, null, null, true);
        controller.submit(Principal.system("bootstrap").actor(), new RegisterNode(spec, Tokens.newSecret(), true))
                .get(30, TimeUnit.SECONDS);
    }

    private static String version() {
        String v = CorralServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The coordinator's id, kept in {@code <dataDir>/identity}: its Raft peer id and its node id. */
    private static String identity(Path dataDir) throws IOException {
        Path file = dataDir.resolve("identity");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] b = new byte[4];
        new java.security.SecureRandom().nextBytes(b);
        String id = "coordinator-" + HexFormat.of().formatHex(b);
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port;
    }

    public String selfId() {
        return selfId;
    }

    public Path adminTokenPath() {
        return adminTokenPath;
    }

    /** Test and tooling access to the live pieces. */
    public Controller controller() {
        return controller;
    }

    public HeartbeatTracker heartbeats() {
        return beats;
    }

    public MetricsHistory metricsHistory() {
        return history;
    }

    public NodeService nodes() {
        return nodes;
    }

    /** Turns bearer tokens into principals, as every request's does. */
    public Authenticator authenticator() {
        return authenticator;
    }

    @Override
    public void close() {
        ready = false;
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing HTTP failed", e);
        }
        timers.shutdownNow();
        warmups.shutdownNow();
        ringMigrations.close();
        webhookDispatcher.close();
        controller.close();
        log.close();
        LOG.info("Corral coordinator {} stopped", selfId);
    }
}
