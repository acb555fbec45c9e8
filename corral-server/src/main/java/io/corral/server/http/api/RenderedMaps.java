package io.corral.server.http.api;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.MapChange;
import io.corral.server.http.Json;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders each workspace map version and each map change once, however many watchers receive it: when
 * a change wakes a thousand long-polls and streams, they all share the same bytes. Keeps the newest
 * map per workspace and the change events of the newest {@link #CHANGES_KEPT} versions. Thread-safe.
 */
final class RenderedMaps {
    static final int CHANGES_KEPT = 2_048;

    private record Rendered(long version, Buffer body) {
    }

    private final ConcurrentHashMap<String, Rendered> maps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Buffer> changes = new ConcurrentHashMap<>();

    /** {@code {"data": <workspace map>}} at the image's version of {@code ws}. */
    Buffer map(ClusterImage img, String ws) {
        long version = img.workspaceMapVersion(ws);
        Rendered r = maps.get(ws);
        if (r != null && r.version() == version) {
            return r.body();
        }
        Buffer body = Buffer.buffer(Json.bytes(NodeViews.data(MapViews.workspaceMap(img, ws))));
        maps.merge(ws, new Rendered(version, body), (old, neu) -> old.version() >= neu.version() ? old : neu);
        return body;
    }

    /** The SSE frame of one change ({@code id}, {@code event: change}, {@code data}). */
    Buffer change(ClusterImage img, MapChange c) {
        Buffer frame = changes.get(c.version());
        if (frame != null) {
            return frame;
        }
        frame = Buffer.buffer("id: " + c.version() + "\nevent: change\ndata: ")
                .appendBytes(Json.bytes(MapViews.change(img, c))).appendString("\n\n");
        changes.putIfAbsent(c.version(), frame);
        if (changes.size() > CHANGES_KEPT) {
            long oldest = c.version() - CHANGES_KEPT;
            changes.keySet().removeIf(v -> v < oldest);
        }
        return changes.get(c.version());
    }
}
