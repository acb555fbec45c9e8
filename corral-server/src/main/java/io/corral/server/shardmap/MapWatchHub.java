package io.corral.server.shardmap;

import io.corral.server.domain.ClusterImage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands every newly applied image to a few listeners and keeps the latest one. Fed on the log's applier
 * thread, in applied order; an image older than the latest is dropped, so listeners see applied indexes
 * only increase. Listeners must not block: the HTTP layer registers one per event loop, which only
 * schedules its own fan-out to that loop's watchers. Safe for concurrent use.
 */
public final class MapWatchHub {
    private final CopyOnWriteArrayList<Consumer<ClusterImage>> listeners = new CopyOnWriteArrayList<>();
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
        for (Consumer<ClusterImage> l : listeners) {
            l.accept(image);
        }
    }

    /**
     * Registers {@code listener} for every image applied from now on. An image applied before this
     * call returns is visible in {@link #latest()}, so a caller that reads {@code latest()} after
     * listening misses nothing.
     */
    public void listen(Consumer<ClusterImage> listener) {
        listeners.add(listener);
    }

    public ClusterImage latest() {
        return latest;
    }
}
