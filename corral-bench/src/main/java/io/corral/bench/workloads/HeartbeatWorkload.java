package io.corral.bench.workloads;

import io.corral.bench.load.RawWorkload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Heartbeats for a fixed set of nodes, each node's request (path, token, body) prepared once as the bytes
 * of a whole HTTP/1.1 request. Connection {@code c} of {@code n} sends for nodes {@code c, c+n, c+2n, …}
 * (modulo the node count), so the connections together go round-robin over all nodes; with one connection
 * per node, each node heartbeats on its own connection, as each agent of a fleet does. The same requests,
 * byte for byte, are sent to the coordinator and to the baseline. {@link #close} frees the prepared requests;
 * the workload must not be used after it.
 */
public final class HeartbeatWorkload implements RawWorkload, AutoCloseable {
    public static final String KIND = "heartbeat";

    /** Each node's request, in direct memory, handed out as retained duplicates (the runner releases each). */
    private final ByteBuf[] requests;
    private final int[] cursorByConnection;
    private final int connections;

    /** {@code tokens.get(i)} authenticates node {@code nodeIds.get(i)}. */
    public HeartbeatWorkload(List<String> nodeIds, List<String> tokens, int connections) {
        this.requests = new ByteBuf[nodeIds.size()];
        for (int i = 0; i < requests.length; i++) {
            byte[] bytes = request(nodeIds.get(i), tokens.get(i), body(i));
            requests[i] = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        }
        this.connections = connections;
        this.cursorByConnection = new int[connections];
        for (int c = 0; c < connections; c++) {
            cursorByConnection[c] = c % requests.length;
        }
    }

    /** About 55 bytes: {@code {"metrics":{"cpu":0.41,"mem":0.62,"connections":142}}}. */
    public static String body(int nodeIndex) {
        return String.format(Locale.ROOT, "{\"metrics\":{\"cpu\":%.2f,\"mem\":%.2f,\"connections\":%d}}",
                (nodeIndex % 97) / 100.0, (nodeIndex % 89) / 100.0, 100 + nodeIndex % 900);
    }

    /** The bytes of node {@code nodeId}'s heartbeat request, as an agent sends it. */
    static byte[] request(String nodeId, String token, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + NativeApi.NODES + "/" + nodeId + "/heartbeat HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(content, 0, out, headBytes.length, content.length);
        return out;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int expectedStatus() {
        return 200;
    }

    @Override
    public ByteBuf next(int connection) {
        int i = cursorByConnection[connection];
        cursorByConnection[connection] = (i + connections) % requests.length;
        return requests[i].retainedDuplicate();
    }

    /** Prepared requests whose memory is still held (for tests). */
    int unfreedRequests() {
        int n = 0;
        for (ByteBuf request : requests) {
            n += request.refCnt() > 0 ? 1 : 0;
        }
        return n;
    }

    /** Frees the prepared requests once every duplicate handed out has been released. */
    @Override
    public void close() {
        for (ByteBuf request : requests) {
            request.release();
        }
    }
}
