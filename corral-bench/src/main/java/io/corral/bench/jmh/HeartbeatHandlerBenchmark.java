package io.corral.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.bench.BenchMain;
import io.corral.bench.baseline.BaselineHeartbeats;
import io.corral.bench.workloads.HeartbeatWorkload;
import io.corral.bench.workloads.NativeApi;
import io.corral.server.CorralServer;
import io.corral.server.config.ServerConfig;
import io.corral.server.http.DirectRoute;
import io.corral.server.http.PathTemplate;
import io.corral.server.http.api.NodesEndpoint;
import io.corral.server.security.Authenticator;
import io.corral.server.security.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The heartbeat's own work on the server, without the network, for a fleet of {@link #nodes} nodes that
 * take turns as in the heartbeat load benchmark: {@link #corral} is the coordinator's path match, node
 * token check, body parse, soft-state update and reply, on a live in-process coordinator;
 * {@link #baseline} is the baseline server's path split, Jackson parse into a map, map put and Jackson
 * reply. Both get the same paths and bodies. What neither includes (HTTP decoding, the response's
 * encoding and its system call) is the same code for both servers, though not the same bytes: Corral's
 * reply is longer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeartbeatHandlerBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Param({"1000"})
    public int nodes;

    /**
     * Bytes of other memory each operation reads first (both benchmarks alike), standing in for the other
     * connections' buffers and channel state a server touches between two beats of one node: with it, a
     * node's state is as cold by its next beat as on a busy server, not left in the core's cache.
     */
    @Param({"0", "4096"})
    public int otherBytesPerOp;

    private static final int OTHER_MEMORY_BYTES = 8 << 20;
    private static final int LINE_BYTES = 64;
    private final long[] otherMemory = new long[OTHER_MEMORY_BYTES / Long.BYTES];
    private int otherCursor;

    private Path dataDir;
    private CorralServer server;
    private Authenticator authenticator;
    private PathTemplate template;
    private DirectRoute.Handler corral;
    private final BaselineHeartbeats baseline = new BaselineHeartbeats(new ConcurrentHashMap<>());
    private String[] nodeIds;
    private String[] paths;
    private String[] authorizations;
    private byte[][] bodies;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataDir = Files.createTempDirectory("corral-jmh-heartbeat-");
        server = CorralServer.start(new ServerConfig("127.0.0.1", 0, 0, dataDir, 1_000, 600_000, false, 1, 100_000));
        authenticator = server.authenticator();
        NodesEndpoint endpoint = new NodesEndpoint(server.nodes());
        DirectRoute route = endpoint.heartbeatRoute();
        template = route.path();
        corral = route.handler();
        DirectRoute.Deferred register = endpoint.registerRoute().deferred();
        String admin = "Bearer " + Files.readString(server.adminTokenPath()).trim();
        Supplier<Principal> adminCaller = () -> authenticator.authenticate(admin);
        nodeIds = new String[nodes];
        paths = new String[nodes];
        authorizations = new String[nodes];
        bodies = new byte[nodes][];
        for (int i = 0; i < nodes; i++) {
            String id = "bench-" + i;
            nodeIds[i] = id;
            DirectRoute.Reply reply = register.handle(adminCaller, List.of("default"),
                    NativeApi.registration(id).getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get();
            String token = MAPPER.readTree(reply.json().get()).path("data").path("token").asText();
            paths[i] = NativeApi.NODES + "/" + id + "/heartbeat";
            authorizations[i] = "Bearer " + token;
            bodies[i] = HeartbeatWorkload.body(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
        BenchMain.deleteTree(dataDir);
    }

    /** Nodes the coordinator has a heartbeat of (for tests). */
    long beatenNodes() {
        long n = 0;
        for (int i = 0; i < nodes; i++) {
            n += server.heartbeats().last(nodeIds[i]) == null ? 0 : 1;
        }
        return n;
    }

    /** The next node in turn, after reading {@link #otherBytesPerOp} bytes of other memory. */
    private int nextNode() {
        long sum = 0;
        int step = LINE_BYTES / Long.BYTES;
        int end = otherCursor + otherBytesPerOp / Long.BYTES;
        for (int w = otherCursor; w < end; w += step) {
            sum += otherMemory[w];
        }
        otherCursor = end >= otherMemory.length ? 0 : end;
        otherMemory[otherCursor] = sum; // keeps the reads
        int i = next;
        next = i + 1 == nodes ? 0 : i + 1;
        return i;
    }

    /** One heartbeat through the coordinator's direct route handler, as its dispatcher calls it. */
    @Benchmark
    public byte[] corral() {
        int i = nextNode();
        List<String> params = template.match(paths[i]);
        String authorization = authorizations[i];
        return corral.handle(() -> authenticator.authenticate(authorization), params, bodies[i].clone());
    }

    /** One heartbeat through the baseline server's handler. */
    @Benchmark
    public byte[] baseline() throws IOException {
        int i = nextNode();
        return baseline.ingest(BaselineHeartbeats.nodeId(paths[i]), bodies[i].clone());
    }

}
