package io.corral.bench.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the baseline server does with one heartbeat, apart from the network: takes the node id from the
 * path, parses the JSON body with Jackson into a map, stores it in a {@link ConcurrentHashMap} under
 * the node id, and renders a small JSON reply. Safe for concurrent use.
 */
public final class BaselineHeartbeats {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final String NODES = "/nodes/";
    private static final String HEARTBEAT = "/heartbeat";

    private final ConcurrentHashMap<String, Map<String, Object>> lastBeatByNode;

    public BaselineHeartbeats(ConcurrentHashMap<String, Map<String, Object>> lastBeatByNode) {
        this.lastBeatByNode = lastBeatByNode;
    }

    /** The node id of a {@code …/nodes/{id}/heartbeat} path, or null for any other path. */
    public static String nodeId(String path) {
        int nodes = path.indexOf(NODES);
        if (nodes < 0 || !path.endsWith(HEARTBEAT)) {
            return null;
        }
        return path.substring(nodes + NODES.length(), path.length() - HEARTBEAT.length());
    }

    /**
     * Stores the heartbeat {@code body} of {@code nodeId} and returns the reply's bytes:
     * {@code {"acknowledged":true,"node_id":…,"timestamp_ms":…}}.
     *
     * @throws IOException when the body is not a JSON object
     */
    public byte[] ingest(String nodeId, byte[] body) throws IOException {
        Map<String, Object> beat = MAPPER.readValue(body, OBJECT_MAP);
        long nowMs = System.currentTimeMillis();
        lastBeatByNode.put(nodeId, beat);
        return MAPPER.writeValueAsBytes(Map.of("acknowledged", true, "node_id", nodeId, "timestamp_ms", nowMs));
    }
}
