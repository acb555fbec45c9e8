package io.corral.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workspace's shard map ({@code /api/v1/workspaces/{ws}/shardmap}): read it, wait for its next
 * version (long-poll), follow its changes (Server-Sent Events), ask what placement would do under
 * hypothetical changes, and apply placement now. Reading and planning need a viewer key, applying an
 * operator key. A workspace map is {@code workspace_id}, {@code version}, {@code maintenance} and
 * {@code resources}, one resource map each ({@code resource_id}, {@code version}, {@code shards} with their
 * {@code replicas}, leader first).
 */
public final class ShardMapApi {
    /** The server holds a long-poll up to its wait plus this fraction of it (jitter). */
    private static final long WAIT_JITTER_DIVISOR = 16;
    /** The reply header that carries the map version of a long-poll. */
    static final String INDEX_HEADER = "X-Corral-Index";
    /** The longest wait the server accepts. */
    public static final long MAX_WAIT_MS = 600_000;

    private final Transport transport;

    ShardMapApi(Transport transport) {
        this.transport = transport;
    }

    /** The workspace's map now. */
    public JsonNode get(String workspaceId) {
        return transport.get(base(workspaceId)).get("data");
    }

    /**
     * Waits until the workspace's map version differs from {@code index}, or {@code waitMs} (plus the
     * server's jitter) pass, and returns the map then with its index. An unchanged index means the wait ran
     * out; an index below the one passed means the map was reset (start over from it).
     *
     * @param index  the version the caller has, e.g. the previous call's {@link IndexedMap#index()}
     * @param waitMs how long the server may hold the request, 0 to {@value #MAX_WAIT_MS}
     */
    public IndexedMap watch(String workspaceId, long index, long waitMs) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new IllegalArgumentException("waitMs must be 0 to " + MAX_WAIT_MS + ", got " + waitMs);
        }
        long replyTimeoutMs = waitMs + waitMs / WAIT_JITTER_DIVISOR + transport.timeoutMs();
        Transport.Reply reply = transport.exchange("GET", base(workspaceId) + "?index=" + index + "&wait=" + waitMs
                + "ms", null, replyTimeoutMs);
        JsonNode map = reply.body().get("data");
        String header = reply.headers().firstValue(INDEX_HEADER).orElse(null);
        if (header == null) {
            return new IndexedMap(map, map.path("version").asLong());
        }
        try {
            return new IndexedMap(map, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            throw new CorralClientException("the long-poll reply's " + INDEX_HEADER + " '" + header
                    + "' is not a version", e);
        }
    }

    /**
     * Follows the workspace's map: blocks on this thread, handing each event to {@code listener}, until the
     * listener returns false or the server ends the stream. Without {@code lastEventId} the first event is a
     * {@code snapshot}; with the id of an event already seen, the stream replays the changes after it (or,
     * when the server no longer has them all, starts with a new snapshot). Interrupting the thread ends
     * the stream with a {@link CorralClientException}.
     *
     * @param lastEventId the {@link MapEvent#id()} to resume after, or null
     * @return the id of the last event received, or {@code lastEventId} when none came
     */
    public String stream(String workspaceId, String lastEventId, MapEventListener listener) {
        return transport.stream(base(workspaceId) + "/stream", lastEventId, e -> listener.onEvent(mapEvent(e)));
    }

    static MapEvent mapEvent(ServerSentEvent e) {
        long version;
        try {
            version = Long.parseLong(e.id());
        } catch (NumberFormatException notANumber) {
            throw new CorralClientException("the map stream sent an event whose id '" + e.id()
                    + "' is not a version");
        }
        try {
            return new MapEvent(e.type(), version, Json.MAPPER.readTree(e.data()));
        } catch (JsonProcessingException notJson) {
            throw new CorralClientException("the map stream sent a " + e.type() + " event (id " + e.id()
                    + ") whose data is not JSON", notJson);
        }
    }

    /** What placement would do with {@code whatIf} applied; changes nothing. */
    public JsonNode plan(String workspaceId, WhatIf whatIf) {
        return plan(workspaceId, whatIf, false);
    }

    /**
     * What placement would do with {@code whatIf} applied: {@code stats} ({@code replicas}, {@code moved},
     * {@code leader_changes}, {@code max_over_avg_load}, {@code unplaced}, {@code shards_changed}),
     * {@code warnings}, {@code moves} ({@code resource_id}, {@code shard}, {@code from}, {@code to}; the
     * server lists at most 10,000 and then sets {@code moves_truncated}) and, with {@code includeTargetMap},
     * {@code target}: resource → shard → node ids. Changes nothing.
     */
    public JsonNode plan(String workspaceId, WhatIf whatIf, boolean includeTargetMap) {
        return transport.post(base(workspaceId) + "/plan" + (includeTargetMap ? "?include_map=true" : ""),
                whatIf.toJson()).get("data");
    }

    /**
     * Places the workspace now and writes the changes to the map; returns {@code workspace_id} and the
     * map {@code version} afterwards.
     *
     * @throws ApiException {@code PRECONDITION_FAILED} when the map changed meanwhile (apply again)
     */
    public JsonNode apply(String workspaceId) {
        return transport.post(base(workspaceId) + "/apply", Json.MAPPER.createObjectNode()).get("data");
    }

    private static String base(String workspaceId) {
        return "/api/v1/workspaces/" + Uris.encode(workspaceId) + "/shardmap";
    }
}
