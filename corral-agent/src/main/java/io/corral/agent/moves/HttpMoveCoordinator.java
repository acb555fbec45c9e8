package io.corral.agent.moves;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.agent.CoordinatorClient;
import io.corral.agent.CoordinatorException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link MoveCoordinator} over the native API. Moves are listed, read and reported with the node's own
 * token ({@code GET …/moves?state=active&node_id=}, {@code GET …/moves/{id}}, {@code POST …/moves/{id}/steps});
 * the resource map ({@code GET …/resources/{id}/map}) is read with {@code mapToken}, a key with at least
 * the viewer role, because the coordinator does not let node tokens read maps. Thread-safe.
 */
public final class HttpMoveCoordinator implements MoveCoordinator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final CoordinatorClient client;
    private final String workspace;
    private final Supplier<String> nodeToken;
    private final String mapToken;

    /**
     * @param nodeToken supplies the node's token (it changes when the agent registers again)
     * @param mapToken  a viewer (or stronger) key for reading maps
     */
    public HttpMoveCoordinator(CoordinatorClient client, String workspace, Supplier<String> nodeToken,
                               String mapToken) {
        this.client = client;
        this.workspace = workspace;
        this.nodeToken = nodeToken;
        this.mapToken = mapToken;
    }

    private String base() {
        return "/api/v1/workspaces/" + enc(workspace);
    }

    @Override
    public List<MoveTask> activeMoves(String nodeId) throws CoordinatorException {
        JsonNode data = client.request("GET", base() + "/moves?state=active&node_id=" + enc(nodeId), null,
                nodeToken.get()).path("data");
        List<MoveTask> out = new ArrayList<>();
        for (JsonNode m : data) {
            out.add(task(m));
        }
        return out;
    }

    @Override
    public Optional<MoveTask> move(String moveId) throws CoordinatorException {
        try {
            return Optional.of(task(client.request("GET", base() + "/moves/" + enc(moveId), null, nodeToken.get())
                    .path("data")));
        } catch (CoordinatorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void report(String moveId, StepReport r) throws CoordinatorException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("step", r.step());
        putIfKnown(body, "items_done", r.itemsDone());
        putIfKnown(body, "items_total", r.itemsTotal());
        putIfKnown(body, "bytes_done", r.bytesDone());
        putIfKnown(body, "bytes_total", r.bytesTotal());
        if (r.error() != null) {
            body.put("error", r.error());
        }
        if (r.phase() != null && r.attempt() > 0) {
            body.put("phase", r.phase());
            body.put("attempt", r.attempt());
        }
        client.request("POST", base() + "/moves/" + enc(moveId) + "/steps", body, nodeToken.get());
    }

    @Override
    public ShardPlacement placement(ShardRef shard) throws CoordinatorException {
        JsonNode map = client.request("GET", base() + "/resources/" + enc(shard.resourceId()) + "/map", null,
                mapToken).path("data");
        Map<String, String> urls = new HashMap<>();
        for (JsonNode s : map.path("shards")) {
            if (s.path("id").asLong(-1) == shard.shardId()) {
                for (JsonNode r : s.path("replicas")) {
                    if (r.hasNonNull("node_id")) {
                        urls.put(r.get("node_id").asText(), r.path("url").isTextual() ? r.get("url").asText() : null);
                    }
                }
            }
        }
        return new ShardPlacement(map.path("version").asLong(), urls);
    }

    static MoveTask task(JsonNode m) {
        return new MoveTask(m.path("id").asText(), new ShardRef(m.path("resource_id").asText(),
                m.path("shard_id").asLong()), MovePhase.parse(m.path("phase").asText()), m.path("attempt").asInt(1),
                text(m, "source_node"), text(m, "target_node"), text(m, "donor_node"));
    }

    private static String text(JsonNode m, String field) {
        return m.hasNonNull(field) ? m.get(field).asText() : null;
    }

    private static void putIfKnown(ObjectNode body, String field, long v) {
        if (v >= 0) {
            body.put(field, v);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
