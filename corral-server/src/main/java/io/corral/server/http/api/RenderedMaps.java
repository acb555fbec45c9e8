package io.corral.server.http.api;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.MapChange;
import io.corral.server.http.Json;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Renders each workspace map version and each map change once, however many watchers receive it: when
 * a change wakes a thousand long-polls and streams, they all get the same bytes. Each rendering is one
 * read-only direct buffer that every response writes as a slice, so it is neither copied nor serialised
 * again per watcher (not even into a direct buffer for the socket). Keeps the newest map and stream
 * snapshot per workspace and the change events of the newest {@link #CHANGES_KEPT} versions.
 * Thread-safe.
 */
final class RenderedMaps {
    static final int CHANGES_KEPT = 2_048;
    /** An SSE comment line that keeps idle connections and proxies open. */
    static final Buffer KEEPALIVE = shared(": keepalive\n\n".getBytes(StandardCharsets.US_ASCII));

    /** A rendering of one workspace at one map version. */
    record Rendered(long version, Buffer body) {
    }

    private final ConcurrentHashMap<String, Rendered> maps = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Rendered> snapshots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Buffer> changes = new ConcurrentHashMap<>();

    /** {@code {"data": <workspace map>}} at the image's version of {@code ws}. */
    Buffer map(ClusterImage img, String ws) {
        return cached(maps, img, ws, () -> Json.bytes(NodeViews.data(MapViews.workspaceMap(img, ws))));
    }

    /** The SSE frame of the workspace map at the image's version of {@code ws} ({@code event: snapshot}). */
    Buffer snapshot(ClusterImage img, String ws) {
        return cached(snapshots, img, ws, () -> frame(img.workspaceMapVersion(ws), "snapshot",
                Json.bytes(MapViews.workspaceMap(img, ws))));
    }

    /** The SSE frame of one change ({@code id}, {@code event: change}, {@code data}). */
    Buffer change(ClusterImage img, MapChange c) {
        Buffer frame = changes.get(c.version());
        if (frame != null) {
            return frame;
        }
        // Rendered under the version's entry lock: event loops that miss at once wait for one rendering.
        frame = changes.computeIfAbsent(c.version(),
                v -> shared(frame(c.version(), "change", Json.bytes(MapViews.change(img, c)))));
        if (changes.size() > CHANGES_KEPT) {
            long oldest = c.version() - CHANGES_KEPT;
            changes.keySet().removeIf(v -> v < oldest);
        }
        return frame;
    }

    /**
     * The rendering of {@code ws} at the image's version from {@code cache}, made by {@code render} when the
     * cache holds another version. Made under the workspace's entry lock, so callers that miss at once (every
     * event loop, when a change wakes its watchers) wait for one rendering instead of each making its own; a
     * caller whose image is older than the cached version renders its own and leaves the cache as it is.
     */
    static Buffer cached(ConcurrentHashMap<String, Rendered> cache, ClusterImage img, String ws,
                         Supplier<byte[]> render) {
        long version = img.workspaceMapVersion(ws);
        Rendered r = cache.get(ws);
        if (r != null && r.version() == version) {
            return r.body();
        }
        Rendered now = cache.compute(ws, (k, old) -> old != null && old.version() >= version ? old
                : new Rendered(version, shared(render.get())));
        return now.version() == version ? now.body() : shared(render.get());
    }

    private static byte[] frame(long id, String event, byte[] data) {
        byte[] head = ("id: " + id + "\nevent: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    /** A read-only direct buffer that responses can write any number of times without copying. */
    static Buffer shared(byte[] bytes) {
        return BufferInternal.buffer(Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(bytes.length, bytes.length).writeBytes(bytes)));
    }
}
