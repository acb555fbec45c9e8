package io.corral.bench.watch;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When each watcher of one kind saw each expected map version, in {@link System#nanoTime()}. A version
 * is expected (with how many watchers will see it) before the change that makes it is sent; arrivals
 * of other versions are ignored. Thread-safe: watchers on any event loop record concurrently.
 */
final class Arrivals {
    private static final class Version {
        final long[] nanos;
        final AtomicInteger count = new AtomicInteger();
        final CountDownLatch all;

        Version(int watchers) {
            nanos = new long[watchers];
            all = new CountDownLatch(watchers);
        }
    }

    private final ConcurrentHashMap<Long, Version> versions = new ConcurrentHashMap<>();

    void expect(long version, int watchers) {
        versions.put(version, new Version(watchers));
    }

    /** Records that one watcher has {@code version} now. */
    void saw(long version) {
        long now = System.nanoTime();
        Version v = versions.get(version);
        if (v != null) {
            int i = v.count.getAndIncrement();
            if (i < v.nanos.length) {
                v.nanos[i] = now;
                v.all.countDown();
            }
        }
    }

    /** Whether every watcher saw {@code version} within the timeout. */
    boolean awaitAll(long version, long timeoutSeconds) throws InterruptedException {
        return versions.get(version).all.await(timeoutSeconds, TimeUnit.SECONDS);
    }

    int seen(long version) {
        Version v = versions.get(version);
        return v == null ? 0 : Math.min(v.count.get(), v.nanos.length);
    }

    /** The arrival times of {@code version} (after {@link #awaitAll} returned true) and forgets them. */
    long[] take(long version) {
        Version v = versions.remove(version);
        return v == null ? new long[0] : Arrays.copyOf(v.nanos, Math.min(v.count.get(), v.nanos.length));
    }
}
