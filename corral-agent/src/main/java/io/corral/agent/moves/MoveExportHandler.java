package io.corral.agent.moves;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The donor side of node-to-node transfers, for the JDK's HTTP server: mount it at {@link #PATH}.
 * <ul>
 *   <li>{@code GET /corral/moves/v1/snapshot?move_id=&resource_id=&shard_id=&fence_version=}</li>
 *   <li>{@code GET /corral/moves/v1/changes?move_id=&resource_id=&shard_id=&since=&fence_version=}</li>
 * </ul>
 * A reply is 200 with headers {@value #POSITION_HEADER}, {@value #ITEMS_HEADER} and {@value #BYTES_HEADER}
 * and the participant's body; 409 when this node is not the donor of that move for that shard (as the
 * {@link DonorCheck} says) or does not hold it; 400 for a malformed request. The caller is not
 * authenticated: only a move's donor serves, only during the move, but run nodes on a private network.
 */
public final class MoveExportHandler implements HttpHandler {
    public static final String PATH = "/corral/moves/v1/";
    public static final String POSITION_HEADER = "X-Corral-Position";
    public static final String ITEMS_HEADER = "X-Corral-Items-Total";
    public static final String BYTES_HEADER = "X-Corral-Bytes-Total";
    private static final Logger LOG = LoggerFactory.getLogger(MoveExportHandler.class);

    /** Says whether this node is the donor of an unfinished move of {@code shard} with id {@code moveId}. */
    @FunctionalInterface
    public interface DonorCheck {
        boolean isDonor(String moveId, ShardRef shard);
    }

    private final MoveParticipant participant;
    private final DonorCheck donorCheck;

    public MoveExportHandler(MoveParticipant participant, DonorCheck donorCheck) {
        this.participant = participant;
        this.donorCheck = donorCheck;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET")) {
                text(ex, 405, "only GET");
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            TransferRequest req;
            try {
                ShardRef shard = new ShardRef(q.get("resource_id"), Long.parseLong(q.getOrDefault("shard_id", "-1")));
                long fence = Long.parseLong(q.getOrDefault("fence_version", "0"));
                String moveId = q.get("move_id");
                if (moveId == null) {
                    throw new IllegalArgumentException("move_id is required");
                }
                if (path.equals(PATH + "snapshot")) {
                    req = TransferRequest.snapshot(moveId, shard, fence);
                } else if (path.equals(PATH + "changes")) {
                    req = TransferRequest.changes(moveId, shard, Long.parseLong(q.getOrDefault("since", "-1")), fence);
                } else {
                    text(ex, 404, "no such transfer: " + path);
                    return;
                }
            } catch (IllegalArgumentException e) {
                text(ex, 400, "bad transfer request: " + e.getMessage());
                return;
            }
            serve(ex, req);
        }
    }

    private void serve(HttpExchange ex, TransferRequest req) throws IOException {
        if (!donorCheck.isDonor(req.moveId(), req.shard())) {
            text(ex, 409, "this node is not the donor of an unfinished move " + req.moveId() + " of " + req.shard());
            return;
        }
        ShardExport export;
        try {
            export = req.kind() == TransferRequest.Kind.SNAPSHOT
                    ? participant.exportSnapshot(req.shard(), req.fenceVersion())
                    : participant.exportChanges(req.shard(), req.sincePosition(), req.fenceVersion());
        } catch (ShardUnavailableException e) {
            text(ex, 409, e.getMessage());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.getResponseHeaders().set(POSITION_HEADER, Long.toString(export.position()));
        ex.getResponseHeaders().set(ITEMS_HEADER, Long.toString(export.itemsTotal()));
        ex.getResponseHeaders().set(BYTES_HEADER, Long.toString(export.bytesTotal()));
        ex.sendResponseHeaders(200, export.bytesTotal() > 0 ? export.bytesTotal() : export.bytesTotal() == 0 ? -1 : 0);
        try (OutputStream out = ex.getResponseBody()) {
            export.body().writeTo(out);
        } catch (IOException e) {
            LOG.warn("transfer of {} for move {} broke: {}", req.shard(), req.moveId(), e.toString());
            throw e;
        }
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
