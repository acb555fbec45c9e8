package io.corral.server.shardmap;

import io.corral.server.domain.ClusterImage;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Tells watchers when a workspace's shard map passes a version. Fed with every applied image (on the
 * log's applier thread, so it only completes futures and hands images to subscribers, which must
 * not block); long-poll waiters complete once, stream subscribers hear every image whose workspace
 * version moved. Safe for concurrent use.
 */
public final class MapWatchHub {

    private record Waiter(String workspace, long index, CompletableFuture<ClusterImage> future) {
    }

    /** A stream subscriber: receives each newer image of its workspace until it unsubscribes. */
    public static final class Subscription {
        private final String workspace;
        private final Consumer<ClusterImage> sink;
        private volatile long lastVersion;

        private Subscription(String workspace, long lastVersion, Consumer<ClusterImage> sink) {
            this.workspace = workspace;
            this.lastVersion = lastVersion;
            this.sink = sink;
        }
    }

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Subscription> subscriptions = new ConcurrentLinkedQueue<>();
    private volatile ClusterImage latest;

    public MapWatchHub(ClusterImage initial) {
        this.latest = initial;
    }

    /** Called with each newly applied image. */
    public void onImage(ClusterImage image) {
        if (image.appliedIndex() < latest.appliedIndex()) {
            return;
        }
        latest = image;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future().isDone()) {
                it.remove();
            } else if (image.workspaceMapVersion(w.workspace()) != w.index()) {
                it.remove();
                w.future().complete(image);
            }
        }
        for (Subscription s : subscriptions) {
            long v = image.workspaceMapVersion(s.workspace);
            if (v > s.lastVersion) {
                s.lastVersion = v;
                s.sink.accept(image);
            }
        }
    }

    /**
     * Completes with the first image whose map version for {@code workspace} differs from {@code index}
     * (at once when it already does, so a client whose index is ahead of the server resets). The
     * caller completes the future itself at its deadline, with {@link #latest()}.
     */
    public CompletableFuture<ClusterImage> await(String workspace, long index) {
        CompletableFuture<ClusterImage> f = new CompletableFuture<>();
        waiters.add(new Waiter(workspace, index, f));
        ClusterImage now = latest;
        if (now.workspaceMapVersion(workspace) != index) {
            f.complete(now);
        }
        return f;
    }

    public Subscription subscribe(String workspace, long fromVersion, Consumer<ClusterImage> sink) {
        Subscription s = new Subscription(workspace, fromVersion, sink);
        subscriptions.add(s);
        ClusterImage now = latest;
        if (now.workspaceMapVersion(workspace) > fromVersion) {
            s.lastVersion = now.workspaceMapVersion(workspace);
            sink.accept(now);
        }
        return s;
    }

    public void unsubscribe(Subscription s) {
        subscriptions.remove(s);
    }

    public ClusterImage latest() {
        return latest;
    }

    /** Waiting long-poll requests and open streams, for metrics. */
    public int watchers() {
        return waiters.size() + subscriptions.size();
    }
}
