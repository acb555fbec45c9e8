package io.corral.bench.workloads;

import io.corral.bench.load.BenchRequest;
import io.corral.bench.load.Workload;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Locale;

/**
 * Heartbeats for a fixed set of nodes, each node's request (path, token, body) prepared once. Slot
 * {@code s} of {@code n} sends for nodes {@code s, s+n, s+2n, …} (modulo the node count), so the
 * slots together go round-robin over all nodes. The same requests, byte for byte, are sent to the
 * coordinator and to the baseline.
 */
public final class HeartbeatWorkload implements Workload {
    public static final String KIND = "heartbeat";

    private final BenchRequest[] requests;
    private final int[] cursorBySlot;
    private final int slots;

    /** {@code tokens.get(i)} authenticates node {@code nodeIds.get(i)}. */
    public HeartbeatWorkload(List<String> nodeIds, List<String> tokens, int slots) {
        this.requests = new BenchRequest[nodeIds.size()];
        for (int i = 0; i < requests.length; i++) {
            String id = nodeIds.get(i);
            requests[i] = new BenchRequest(KIND, NativeApi.post(NativeApi.NODES + "/" + id + "/heartbeat",
                    tokens.get(i)), Buffer.buffer(body(i)), 200, null);
        }
        this.slots = slots;
        this.cursorBySlot = new int[slots];
        for (int s = 0; s < slots; s++) {
            cursorBySlot[s] = s % requests.length;
        }
    }

    /** About 55 bytes: {@code {"metrics":{"cpu":0.41,"mem":0.62,"connections":142}}}. */
    static String body(int nodeIndex) {
        return String.format(Locale.ROOT, "{\"metrics\":{\"cpu\":%.2f,\"mem\":%.2f,\"connections\":%d}}",
                (nodeIndex % 97) / 100.0, (nodeIndex % 89) / 100.0, 100 + nodeIndex % 900);
    }

    @Override
    public BenchRequest next(int slot) {
        int i = cursorBySlot[slot];
        cursorBySlot[slot] = (i + slots) % requests.length;
        return requests[i];
    }
}
