package io.corral.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's agent: keeps the node registered with its coordinator and heartbeating with host and
 * application metrics, and owns the node's serving switch. Embeddable: a data node creates one with
 * {@link #start}, feeds {@link #putAppMetric} or {@link #appMetrics(Supplier)}, flips {@link #setServing},
 * and {@link #close}s it; {@code corral agent} wraps it with {@link AgentApi}.
 *
 * <p>Guarantees: it never gives up. When the coordinator cannot be reached it retries with exponential
 * backoff ({@link #BACKOFF_INITIAL_MS} up to {@link #BACKOFF_MAX_MS}); when the coordinator no longer
 * knows the node or its token (404, 401, 403 on a heartbeat, e.g. after a restore without it) it
 * registers again with the operator key, keeping its node id. The node id, token and serving mode
 * persist in the data directory, so a restarted agent is the same node in the same mode. A local
 * serving change is reported by an immediate heartbeat; a maintenance change made at the coordinator
 * is adopted from the heartbeat reply.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    public static final long BACKOFF_INITIAL_MS = 250;
    public static final long BACKOFF_MAX_MS = 5_000;
    /** Used until the coordinator tells its interval. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AgentConfig config;
    private final CoordinatorClient coordinator;
    private final HostMetrics host;
    private final Clock clock;
    private final Backoff backoff;
    private final ScheduledExecutorService loop;
    private final Map<String, Double> appMetrics = new ConcurrentHashMap<>();
    private final long startedAtMs;
    private final String advertisedUrl;
    private volatile Supplier<Map<String, ? extends Number>> appSource = Map::of;
    private volatile AgentIdentity identity;
    private volatile long servingChangedAtMs;
    private volatile long heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
    private volatile long lastHeartbeatOkAtMs;
    private volatile String coordinatorStatus;
    /** The coordinator's last status with its change time, to notice every change. */
    private volatile String coordinatorStatusSeen;
    /** Whether the current serving mode was taken over from the coordinator (not switched here). */
    private volatile boolean servingAdopted;
    private volatile String lastError;
    /** Touched on the loop thread only. */
    private int failures;
    private long generation;

    /** A snapshot of the agent's state, for its status API. */
    public record State(String nodeId, boolean registered, boolean serving, String servingReason,
                        long servingChangedAtMs, String coordinatorStatus, long lastHeartbeatOkAtMs,
                        long heartbeatIntervalMs, String lastError, long startedAtMs) {
    }

    private NodeAgent(AgentConfig config, CoordinatorClient coordinator, HostMetrics host, Clock clock, Random random,
                      String advertisedUrl) throws IOException {
        this.config = config;
        this.coordinator = coordinator;
        this.host = host;
        this.clock = clock;
        this.backoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, random);
        this.startedAtMs = clock.millis();
        this.servingChangedAtMs = startedAtMs;
        this.advertisedUrl = advertisedUrl;
        AgentIdentity id = AgentIdentity.load(config.dataDir());
        if (id == null) {
            id = new AgentIdentity(config.nodeId() != null ? config.nodeId() : newNodeId(), null, true, null);
            id.save(config.dataDir());
        }
        this.identity = id;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corral-agent-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the agent: loads (or creates) its identity and begins registering and heartbeating in the
     * background. Returns at once; the coordinator need not be up.
     *
     * @param advertisedUrl the URL this node is reached at (its API's)
     */
    public static NodeAgent start(AgentConfig config, HostMetrics host, String advertisedUrl) throws IOException {
        NodeAgent a = new NodeAgent(config, new CoordinatorClient(config.coordinatorUrl()), host, Clock.systemUTC(),
                new SecureRandom(), advertisedUrl);
        a.wake();
        return a;
    }

    public String nodeId() {
        return identity.nodeId();
    }

    /** The URL this node is reached at, as registered. */
    public String advertisedUrl() {
        return advertisedUrl;
    }

    /**
     * The node's own token, null until the first registration; it changes when the agent registers again.
     * For calls the node makes as itself, such as reporting move steps.
     */
    public String nodeToken() {
        return identity.nodeToken();
    }

    public AgentConfig config() {
        return config;
    }

    public CoordinatorClient coordinator() {
        return coordinator;
    }

    public boolean serving() {
        return identity.serving();
    }

    /** Sets a value reported under {@code app} in every heartbeat until changed or removed. */
    public void putAppMetric(String name, double value) {
        appMetrics.put(name, value);
    }

    public void removeAppMetric(String name) {
        appMetrics.remove(name);
    }

    /** Replaces the values set with {@link #putAppMetric} by those of {@code metrics}. */
    public void replaceAppMetrics(Map<String, Double> metrics) {
        appMetrics.clear();
        appMetrics.putAll(metrics);
    }

    /** A source polled at every heartbeat, merged with (and overriding) the values put by hand. */
    public void appMetrics(Supplier<Map<String, ? extends Number>> source) {
        this.appSource = source == null ? Map::of : source;
    }

    /** Switches serving on or off (maintenance), persists it, and tells the coordinator at once. */
    public synchronized void setServing(boolean on, String reason) {
        if (identity.serving() == on) {
            return;
        }
        changeServing(on, reason);
        servingAdopted = false;
        wake();
    }

    private synchronized void setToken(String token) {
        identity = identity.withToken(token);
        save();
    }

    private synchronized void changeServing(boolean on, String reason) {
        identity = identity.withServing(on, reason);
        servingChangedAtMs = clock.millis();
        save();
        LOG.info("node {} {}{}", identity.nodeId(), on ? "serving" : "in maintenance",
                reason == null ? "" : " (" + reason + ")");
    }

    public State state() {
        AgentIdentity id = identity;
        return new State(id.nodeId(), id.nodeToken() != null, id.serving(), id.servingReason(), servingChangedAtMs,
                coordinatorStatus, lastHeartbeatOkAtMs, heartbeatIntervalMs, lastError, startedAtMs);
    }

    /** Runs the next heartbeat now instead of when it is due. */
    private void wake() {
        loop.execute(() -> {
            generation++;
            long mine = generation;
            loop.execute(() -> tick(mine));
        });
    }

    private void tick(long gen) {
        if (gen != generation) {
            return;
        }
        long delayMs;
        try {
            if (identity.nodeToken() == null) {
                register();
            }
            beat();
            failures = 0;
            lastError = null;
            delayMs = heartbeatIntervalMs;
        } catch (CoordinatorException e) {
            failures++;
            lastError = e.getMessage();
            if (e.nodeForgotten() && identity.nodeToken() != null) {
                LOG.warn("the coordinator does not know node {} (HTTP {}); registering again", identity.nodeId(),
                        e.status());
                setToken(null);
                delayMs = failures <= 1 ? 0 : backoff.delayMs(failures - 1);
            } else {
                delayMs = backoff.delayMs(failures);
                LOG.warn("coordinator call failed ({}); retrying in {} ms", e.getMessage(), delayMs);
            }
        } catch (RuntimeException e) {
            failures++;
            lastError = e.toString();
            delayMs = backoff.delayMs(failures);
            LOG.error("heartbeat failed unexpectedly; retrying in {} ms", delayMs, e);
        }
        if (!loop.isShutdown()) {
            loop.schedule(() -> tick(gen), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void register() throws CoordinatorException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("id", identity.nodeId());
        body.put("name", config.name() != null ? config.name() : hostname());
        body.put("role", config.role());
        body.put("url", advertisedUrl);
        String hostPort = advertisedUrl.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        body.put("http_address", hostPort);
        body.set("labels", MAPPER.valueToTree(config.labels()));
        body.put("zone", config.zone());
        body.put("region", config.region());
        ObjectNode meta = body.putObject("metadata");
        meta.put("agent", "corral-agent");
        meta.put("hostname", hostname());
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        meta.put("java", System.getProperty("java.version"));
        meta.put("started_at", java.time.Instant.ofEpochMilli(startedAtMs).toString());
        CoordinatorClient.Registered r = coordinator.register(config.workspace(), body, config.operatorToken());
        setToken(r.nodeToken());
        LOG.info("registered node {} with {}", r.nodeId(), coordinator.base());
    }

    private void beat() throws CoordinatorException {
        Map<String, Object> metrics = new LinkedHashMap<>(host.sample());
        Map<String, Object> app = new LinkedHashMap<>(appMetrics);
        app.putAll(appSource.get());
        if (!app.isEmpty()) {
            metrics.put("app", app);
        }
        AgentIdentity id = identity;
        CoordinatorClient.HeartbeatReply reply = coordinator.heartbeat(config.workspace(), id.nodeId(),
                id.nodeToken(), metrics, id.serving() ? "active" : "maintenance", servingAdopted);
        lastHeartbeatOkAtMs = clock.millis();
        if (reply.heartbeatIntervalMs() > 0) {
            heartbeatIntervalMs = reply.heartbeatIntervalMs();
        }
        adopt(reply);
    }

    /**
     * Adopts a maintenance change an operator made at the coordinator: a status change (a new status or a
     * new change time, so a quick off-and-on between two heartbeats is seen too) that the node's own report
     * did not cause. Maintenance is adopted from any state; serving only when the change ended maintenance.
     * The first reply after start is only remembered: the node's persisted mode wins then.
     */
    private void adopt(CoordinatorClient.HeartbeatReply reply) {
        String status = reply.status();
        String seen = status + "@" + reply.statusChangedAtMs();
        String before = coordinatorStatus;
        String beforeSeen = coordinatorStatusSeen;
        coordinatorStatus = status;
        coordinatorStatusSeen = seen;
        if (beforeSeen == null || status == null || beforeSeen.equals(seen) || reply.statusSetByNode()) {
            return;
        }
        if (status.equals("maintenance") && identity.serving()) {
            changeServing(false, "maintenance set at the coordinator");
            servingAdopted = true;
        } else if ("maintenance".equals(before) && !identity.serving()
                && (status.equals("active") || status.equals("joining") || status.equals("draining"))) {
            changeServing(true, "maintenance ended at the coordinator");
            servingAdopted = true;
        }
    }

    private void save() {
        try {
            identity.save(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent identity to " + config.dataDir(), e);
        }
    }

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    /** {@code <hostname>-<8 hex>}, the hostname cut to the characters node ids allow. */
    static String newNodeId() {
        String h = hostname().replaceAll("[^A-Za-z0-9._:-]", "-");
        h = h.replaceAll("^[^A-Za-z0-9]+", "");
        if (h.length() > 100) {
            h = h.substring(0, 100);
        }
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return (h.isEmpty() ? "node" : h) + "-" + HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
