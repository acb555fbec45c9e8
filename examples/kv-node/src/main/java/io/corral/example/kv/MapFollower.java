package io.corral.example.kv;

import io.corral.client.CorralClient;
import io.corral.client.IndexedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest routes of one resource: a background thread long-polls the workspace map
 * ({@code ?index=&wait=}), and {@link #refresh} reads it at once when a replica says the routes are
 * stale. Routes only move forward (a reply older than what is held is ignored). Thread-safe.
 */
final class MapFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MapFollower.class);
    private static final long WAIT_MS = 10_000;
    private final CorralClient corral;
    private final String workspace;
    private final String resourceId;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile RouteTable routes;
    private volatile boolean closed;

    MapFollower(CorralClient corral, String workspace, String resourceId) {
        this.corral = corral;
        this.workspace = workspace;
        this.resourceId = resourceId;
        this.thread = new Thread(this::follow, "kv-map-follower");
        this.thread.setDaemon(true);
    }

    /** Reads the map once (throws when the resource does not exist), then follows it. */
    MapFollower start() {
        refresh();
        if (routes == null) {
            throw new IllegalStateException("resource '" + resourceId + "' is not in workspace '" + workspace + "'");
        }
        thread.start();
        return this;
    }

    RouteTable routes() {
        return routes;
    }

    /** Reads the map now; errors are logged (the caller retries). */
    void refresh() {
        try {
            offer(RouteTable.of(corral.shardMap().get(workspace), resourceId));
        } catch (RuntimeException e) {
            LOG.debug("map refresh failed: {}", e.toString());
        }
    }

    /** Waits up to {@code timeoutMs} for routes of at least {@code version}; returns whether they came. */
    boolean awaitVersion(long version, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (routes == null || routes.version() < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void offer(RouteTable t) {
        if (t == null) {
            return;
        }
        lock.lock();
        try {
            if (routes == null || t.version() > routes.version()) {
                routes = t;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void follow() {
        long index = 0;
        while (!closed) {
            try {
                IndexedMap m = corral.shardMap().watch(workspace, index, WAIT_MS);
                index = m.index();
                offer(RouteTable.of(m.map(), resourceId));
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.debug("map long-poll failed: {}", e.toString());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
