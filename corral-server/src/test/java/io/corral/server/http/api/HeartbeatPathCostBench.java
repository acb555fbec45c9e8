package io.corral.server.http.api;

import io.corral.server.commands.RegisterNode;
import io.corral.server.domain.Workspace;
import io.corral.server.health.FailureDetector;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.http.DirectRoute;
import io.corral.server.security.Authenticator;
import io.corral.server.security.NodeMemo;
import io.corral.server.security.Principal;
import io.corral.server.security.Tokens;
import io.corral.server.service.NodeService;
import io.corral.server.service.TelemetryService;
import io.corral.server.telemetry.MetricsHistory;
import io.corral.server.testing.ControllerHarness;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Not a test: the CPU time of Corral's own part of a heartbeat, without HTTP: the direct route's handler
 * (body parse, authentication of the node token, node lookup, heartbeat tracker, failure detector, metric
 * history, threshold check, reply) for nodes that take turns, each with its own token and the body of
 * {@code corral-bench}'s heartbeat workload. Wired as {@code CorralServer} wires it. Between heartbeats it
 * allocates {@code garbageBytes} (default 4 KB, about what the HTTP layer allocates per request), so
 * per-node state is not all in cache, as in a server. Prints, for each run, the thread's CPU time and the
 * bytes it allocated per heartbeat, the filler not counted.
 *
 * <pre>java -cp corral-server/target/classes:corral-server/target/test-classes:$(cat cp.txt) \
 *     io.corral.server.http.api.HeartbeatPathCostBench 1000 2000000 4096</pre>
 */
public final class HeartbeatPathCostBench {
    private HeartbeatPathCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int beatsPerRun = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int garbageBytes = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        try (ControllerHarness h = new ControllerHarness()) {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                pending.add(h.controller.submit(ControllerHarness.ACTOR,
                        new RegisterNode(ControllerHarness.spec(nodeId(i)), "secret-" + i, false)));
            }
            pending.forEach(ControllerHarness::await);
            HeartbeatTracker beats = new HeartbeatTracker();
            FailureDetector detector = new FailureDetector(h.controller, beats, h.clock, 3_600_000);
            NodeMemo memo = new NodeMemo();
            NodeService nodeService = new NodeService(h.controller, beats, detector, h.clock, 5_000, memo);
            TelemetryService telemetry = new TelemetryService(h.controller, beats, new MetricsHistory(), h.clock);
            nodeService.addHeartbeatListener(telemetry::onHeartbeat);
            Authenticator authenticator = new Authenticator(h.controller::image, false, memo);
            DirectRoute.Handler handler = new NodesEndpoint(nodeService).heartbeatRoute().handler();

            String[] headers = new String[nodes];
            List<List<String>> params = new ArrayList<>();
            byte[][] bodies = new byte[nodes][];
            for (int i = 0; i < nodes; i++) {
                headers[i] = "Bearer " + Tokens.nodeToken(nodeId(i), "secret-" + i);
                params.add(List.of(Workspace.DEFAULT, nodeId(i)));
                bodies[i] = String.format(Locale.ROOT, "{\"metrics\":{\"cpu\":%.2f,\"mem\":%.2f,\"connections\":%d}}",
                        (i % 97) / 100.0, (i % 89) / 100.0, 100 + i % 900).getBytes(StandardCharsets.UTF_8);
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long replyBytes = 0;
            byte[][] filler = new byte[64][];
            for (int run = 0; run < 8; run++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long allocated0 = threads.getCurrentThreadAllocatedBytes();
                for (int k = 0; k < beatsPerRun; k++) {
                    int i = k % nodes;
                    String header = headers[i];
                    Supplier<Principal> caller = () -> authenticator.authenticate(header);
                    replyBytes += handler.handle(caller, params.get(i), bodies[i]).length;
                    filler[k & (filler.length - 1)] = new byte[garbageBytes]; // kept a while, so really allocated
                    if (k % 1000 == 0) {
                        h.clock.advance(16); // 1000 nodes beating about 60 times a second, as in the benchmark
                    }
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
                System.out.printf(Locale.ROOT, "run %d: %.0f ns CPU and %.0f bytes allocated per heartbeat (besides the "
                        + "filler; %d nodes, %d beats)%n", run, cpu / (double) beatsPerRun,
                        allocated / (double) beatsPerRun - fillerBytes(garbageBytes), nodes, beatsPerRun);
            }
            System.out.println("(bytes out, to keep them alive: " + replyBytes + ")");
        }
    }

    /** The heap a {@code byte[garbageBytes]} takes: a 16-byte header, the data rounded up to 8 bytes. */
    private static long fillerBytes(int garbageBytes) {
        return 16 + (garbageBytes + 7L) / 8 * 8;
    }

    private static String nodeId(int i) {
        return String.format(Locale.ROOT, "node-%04d", i);
    }
}
