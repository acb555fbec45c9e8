package io.corral.bench.workloads;

import io.corral.bench.load.BenchRequest;
import io.corral.bench.load.Workload;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable writes in a fixed cycle per slot: register a new node, put it into maintenance, take it
 * out again, then register the next. Every step is a command the coordinator must commit to its log
 * before it replies, so a third of the mutations are registrations and two thirds status changes.
 * After a failed step the slot starts over with a new node.
 */
public final class MutationWorkload implements Workload {
    public static final String REGISTER = "register";
    public static final String MAINTENANCE_ON = "maintenance_on";
    public static final String MAINTENANCE_OFF = "maintenance_off";

    private static final Buffer MAINTENANCE_ON_BODY =
            Buffer.buffer("{\"enabled\":true,\"reason\":\"benchmark\"}");
    private static final Buffer MAINTENANCE_OFF_BODY = Buffer.buffer("{\"enabled\":false}");

    private final String prefix;
    private final String adminToken;
    private final AtomicLong nextNode = new AtomicLong();
    private final String[] nodeBySlot;
    private final int[] stepBySlot;

    public MutationWorkload(String prefix, String adminToken, int slots) {
        this.prefix = prefix;
        this.adminToken = adminToken;
        this.nodeBySlot = new String[slots];
        this.stepBySlot = new int[slots];
    }

    @Override
    public BenchRequest next(int slot) {
        switch (stepBySlot[slot]) {
            case 0: {
                String id = prefix + "-" + nextNode.getAndIncrement();
                nodeBySlot[slot] = id;
                return new BenchRequest(REGISTER, NativeApi.post(NativeApi.NODES, adminToken),
                        Buffer.buffer(NativeApi.registration(id)), 201, null);
            }
            case 1:
                return new BenchRequest(MAINTENANCE_ON, maintenance(nodeBySlot[slot]), MAINTENANCE_ON_BODY, 200, null);
            default:
                return new BenchRequest(MAINTENANCE_OFF, maintenance(nodeBySlot[slot]), MAINTENANCE_OFF_BODY, 200,
                        null);
        }
    }

    private io.vertx.core.http.RequestOptions maintenance(String nodeId) {
        return NativeApi.put(NativeApi.NODES + "/" + nodeId + "/maintenance", adminToken);
    }

    @Override
    public void completed(int slot, boolean success) {
        stepBySlot[slot] = success ? (stepBySlot[slot] + 1) % 3 : 0;
    }
}
