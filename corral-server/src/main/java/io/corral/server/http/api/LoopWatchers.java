package io.corral.server.http.api;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.MapChange;
import io.corral.server.shardmap.MapWatchHub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard-map watchers (long-polls and event streams) of one event loop, touched only on that loop.
 * A new image costs this loop one task, however many watchers it has: the task writes the shared
 * rendering of each new version to every stream, then answers every long-poll whose index the version
 * passed. Images applied while a task is pending are coalesced into the newest. Each workspace keeps its
 * long-polls' deadlines in a {@link WaitWheel} (so a change that answers them all drops them at once), and
 * all wheels of the loop share one timer, as stream keepalives do; a watcher whose connection closes is
 * forgotten at once.
 */
final class LoopWatchers {
    /** Long-polls end at most this much later than their wait (and jitter) asked. */
    static final long WAIT_RESOLUTION_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LoopWatchers.class);

    /** Answers a long-poll with the map of {@code ws} in {@code img}. */
    @FunctionalInterface
    interface MapResponder {
        void respond(HttpServerRequest req, ClusterImage img, String ws);
    }

    private static final class LongPoll {
        final HttpServerRequest req;
        final String ws;
        final long index;

        LongPoll(HttpServerRequest req, String ws, long index) {
            this.req = req;
            this.ws = ws;
            this.index = index;
        }
    }

    private static final class Stream {
        final HttpServerResponse res;
        long sentVersion;

        Stream(HttpServerResponse res, long sentVersion) {
            this.res = res;
            this.sentVersion = sentVersion;
        }
    }

    /**
     * One workspace's watchers on this loop and the version last fanned out to them. Its long-polls are the
     * waiters of its own deadline wheel, so a change that answers all of them drops them in one step.
     */
    private static final class Workspace {
        long fannedOutVersion = -1;
        final WaitWheel<LongPoll> longPolls = new WaitWheel<>(WAIT_RESOLUTION_MS);
        final LinkedHashSet<Stream> streams = new LinkedHashSet<>();
    }

    private final ContextInternal loop;
    private final MapWatchHub hub;
    private final RenderedMaps rendered;
    private final MapResponder responder;
    private final AtomicReference<ClusterImage> pending = new AtomicReference<>();
    private final Map<String, Workspace> workspaces = new HashMap<>();
    private long timerDueMs = -1;
    private long timerId = -1;

    /** Call on {@code loop}; starts listening to {@code hub} and the keepalive timer. */
    LoopWatchers(ContextInternal loop, MapWatchHub hub, RenderedMaps rendered, MapResponder responder,
                 long keepaliveMs) {
        this.loop = loop;
        this.hub = hub;
        this.rendered = rendered;
        this.responder = responder;
        hub.listen(this::onImage);
        loop.setPeriodic(keepaliveMs, t -> keepalive());
    }

    /** Any thread: schedules one fan-out on this loop unless one is pending already. */
    private void onImage(ClusterImage image) {
        if (pending.getAndSet(image) == null) {
            loop.runOnContext(v -> fanOut());
        }
    }

    /**
     * Holds {@code req} until the map of {@code ws} differs from {@code index} or {@code waitMs} passed,
     * then answers it through the responder. The caller checked that the latest map still is at
     * {@code index} after this loop was listening. A request whose connection closed already is
     * dropped (its close handler would never run).
     */
    void awaitChange(HttpServerRequest req, String ws, long index, long waitMs) {
        if (req.response().closed()) {
            return;
        }
        LongPoll p = new LongPoll(req, ws, index);
        long dueMs = workspace(ws).longPolls.add(p, nowMs() + waitMs);
        if (timerDueMs < 0 || dueMs < timerDueMs) {
            arm(dueMs);
        }
        req.response().closeHandler(v -> forget(p));
    }

    /** Sends {@code res} every change of {@code ws} after {@code sentVersion} until it closes. */
    void stream(HttpServerResponse res, String ws, long sentVersion) {
        if (res.closed()) {
            return;
        }
        Stream s = new Stream(res, sentVersion);
        workspace(ws).streams.add(s);
        res.closeHandler(v -> {
            Workspace w = workspaces.get(ws);
            if (w != null) {
                w.streams.remove(s);
                dropIfEmpty(ws, w);
            }
        });
    }

    /** Open watchers on this loop (for tests and metrics). */
    int size() {
        int n = 0;
        for (Workspace w : workspaces.values()) {
            n += w.longPolls.size() + w.streams.size();
        }
        return n;
    }

    private Workspace workspace(String ws) {
        return workspaces.computeIfAbsent(ws, k -> new Workspace());
    }

    private void fanOut() {
        ClusterImage img = pending.getAndSet(null);
        if (img == null) {
            return;
        }
        // Over a copy: answering a watcher may close its connection, and closing forgets it.
        for (Map.Entry<String, Workspace> e : new ArrayList<>(workspaces.entrySet())) {
            String ws = e.getKey();
            Workspace w = e.getValue();
            long version = img.workspaceMapVersion(ws);
            if (version == w.fannedOutVersion) {
                continue;
            }
            w.fannedOutVersion = version;
            // Streams first: a shared frame is cheaper to write than a long-poll's response.
            writeStreams(w, img, ws, version);
            List<LongPoll> done = w.longPolls.removeIf(p -> p.index != version);
            dropIfEmpty(ws, w);
            for (LongPoll p : done) {
                respond(p, img);
            }
        }
    }

    private void writeStreams(Workspace w, ClusterImage img, String ws, long version) {
        long framesAfter = Long.MIN_VALUE;
        List<Buffer> frames = List.of();
        for (Stream s : w.streams.toArray(new Stream[0])) {
            if (version <= s.sentVersion || s.res.closed()) {
                continue;
            }
            if (s.sentVersion != framesAfter) {
                framesAfter = s.sentVersion;
                frames = changeFrames(img, ws, framesAfter);
            }
            try {
                for (Buffer f : frames) {
                    s.res.write(f);
                }
            } catch (RuntimeException e) {
                LOG.debug("writing to a map stream failed", e);
            }
            s.sentVersion = version;
        }
    }

    /** The rendered change events of {@code ws} after version {@code after}, oldest first. */
    List<Buffer> changeFrames(ClusterImage img, String ws, long after) {
        List<Buffer> frames = new ArrayList<>(1);
        for (MapChange c : img.mapChanges().tailMap(after, false).values()) {
            if (c.workspace().equals(ws)) {
                frames.add(rendered.change(img, c));
            }
        }
        return frames;
    }

    private void respond(LongPoll p, ClusterImage img) {
        if (p.req.response().closed() || p.req.response().ended()) {
            return;
        }
        try {
            responder.respond(p.req, img, p.ws);
        } catch (RuntimeException e) {
            LOG.debug("answering a map long-poll failed", e);
        }
    }

    private void forget(LongPoll p) {
        Workspace w = workspaces.get(p.ws);
        if (w != null) {
            w.longPolls.remove(p);
            dropIfEmpty(p.ws, w);
        }
    }

    private void dropIfEmpty(String ws, Workspace w) {
        if (w.longPolls.size() == 0 && w.streams.isEmpty()) {
            workspaces.remove(ws);
        }
    }

    private void arm(long dueMs) {
        if (timerId >= 0) {
            loop.owner().cancelTimer(timerId);
        }
        timerDueMs = dueMs;
        timerId = loop.setTimer(Math.max(1, dueMs - nowMs()), t -> onTimer());
    }

    private void onTimer() {
        timerId = -1;
        timerDueMs = -1;
        long nowMs = nowMs();
        ClusterImage latest = hub.latest();
        for (Map.Entry<String, Workspace> e : new ArrayList<>(workspaces.entrySet())) {
            List<LongPoll> due = e.getValue().longPolls.takeDue(nowMs);
            dropIfEmpty(e.getKey(), e.getValue());
            for (LongPoll p : due) {
                respond(p, latest);
            }
        }
        long next = -1;
        for (Workspace w : workspaces.values()) {
            long due = w.longPolls.nextDueMs();
            if (due >= 0 && (next < 0 || due < next)) {
                next = due;
            }
        }
        if (next >= 0) {
            arm(next);
        }
    }

    private void keepalive() {
        for (Workspace w : new ArrayList<>(workspaces.values())) {
            for (Stream s : w.streams.toArray(new Stream[0])) {
                if (!s.res.closed()) {
                    s.res.write(RenderedMaps.KEEPALIVE);
                }
            }
        }
    }

    private static long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
