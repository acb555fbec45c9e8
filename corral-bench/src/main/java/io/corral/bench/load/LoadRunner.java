package io.corral.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A closed-loop HTTP load generator on its own Vert.x instance: {@code inFlight} slots, each with
 * its own keep-alive connection, spread over {@code clientThreads} event loops. Every slot sends its
 * next request as soon as the previous one completed, so the offered load adapts to the server:
 * throughput is the server's capacity at that concurrency and latencies are those under that load
 * (not at a fixed arrival rate).
 */
public final class LoadRunner implements AutoCloseable {
    private static final long DRAIN_TIMEOUT_MS = 60_000;
    private static final long ABORT_CHECK_INTERVAL_MS = 500;

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final int clientThreads;

    public LoadRunner(String host, int port, int clientThreads) {
        this.host = host;
        this.port = port;
        this.clientThreads = clientThreads;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(clientThreads));
    }

    /** Runs {@code workload} for {@code warmupMs} uncounted, then counts what completes in {@code measureMs}. */
    public LoadResult runFor(Workload workload, int inFlight, long warmupMs, long measureMs) throws Exception {
        return runFor(workload, inFlight, warmupMs, measureMs, WindowListener.NONE);
    }

    /** As {@link #runFor(Workload, int, long, long)}, telling {@code listener} when the window opens and closes. */
    public LoadResult runFor(Workload workload, int inFlight, long warmupMs, long measureMs, WindowListener listener)
            throws Exception {
        RunPhase phase = new RunPhase(false);
        Deployment d = deploy(workload, inFlight, phase);
        Thread.sleep(warmupMs);
        listener.windowOpened();
        long startedNanos = System.nanoTime();
        phase.measure();
        Thread.sleep(measureMs);
        phase.stop();
        long windowNanos = System.nanoTime() - startedNanos;
        listener.windowClosed();
        d.awaitDrained();
        return d.result(windowNanos, inFlight, false);
    }

    /** Runs {@code workload} until every slot's {@link Workload#next} returned null; all of it is counted. */
    public LoadResult runToCompletion(Workload workload, int inFlight, long timeoutMs) throws Exception {
        return runToCompletion(workload, inFlight, timeoutMs, () -> false);
    }

    /**
     * As {@link #runToCompletion(Workload, int, long)}, but checks {@code abort} every
     * {@link #ABORT_CHECK_INTERVAL_MS} ms; once it returns true no new requests are sent and the
     * result so far is returned with {@link LoadResult#aborted()} set.
     */
    public LoadResult runToCompletion(Workload workload, int inFlight, long timeoutMs, BooleanSupplier abort)
            throws Exception {
        RunPhase phase = new RunPhase(true);
        long startedNanos = System.nanoTime();
        long deadline = startedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Deployment d = deploy(workload, inFlight, phase);
        boolean aborted = false;
        while (!d.finished.await(ABORT_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                phase.stop();
                d.awaitDrained();
                throw new TimeoutException("the workload did not finish within " + timeoutMs + " ms");
            }
            if (abort.getAsBoolean()) {
                phase.stop();
                aborted = true;
                break;
            }
        }
        long windowNanos = System.nanoTime() - startedNanos;
        d.awaitDrained();
        return d.result(windowNanos, inFlight, aborted);
    }

    private Deployment deploy(Workload workload, int inFlight, RunPhase phase) throws Exception {
        int drivers = Math.min(clientThreads, inFlight);
        CountDownLatch finished = new CountDownLatch(inFlight);
        List<DriverVerticle> verticles = new ArrayList<>();
        for (int i = 0; i < drivers; i++) {
            int[] slots = slotsOf(i, drivers, inFlight);
            verticles.add(new DriverVerticle(host, port, slots, workload, phase, finished::countDown));
        }
        // One deployment with several instances spreads them over the event loops.
        int[] next = {0};
        String id = vertx.deployVerticle(() -> verticles.get(next[0]++), new DeploymentOptions().setInstances(drivers))
                .await(30, TimeUnit.SECONDS);
        return new Deployment(id, verticles, finished);
    }

    private static int[] slotsOf(int driver, int drivers, int inFlight) {
        int[] slots = new int[(inFlight - driver + drivers - 1) / drivers];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = driver + k * drivers;
        }
        return slots;
    }

    /** The drivers of one run and the latch their slots count down when they finish. */
    private final class Deployment {
        private final String id;
        private final List<DriverVerticle> verticles;
        private final CountDownLatch finished;

        Deployment(String id, List<DriverVerticle> verticles, CountDownLatch finished) {
            this.id = id;
            this.verticles = verticles;
            this.finished = finished;
        }

        void awaitDrained() throws Exception {
            if (!finished.await(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("requests still in flight " + DRAIN_TIMEOUT_MS + " ms after the run");
            }
            vertx.undeploy(id).await(30, TimeUnit.SECONDS);
        }

        LoadResult result(long windowNanos, int inFlight, boolean aborted) {
            Map<String, KindStats> byKind = new HashMap<>();
            KindStats total = new KindStats();
            for (DriverVerticle v : verticles) {
                v.stats().forEach((kind, s) -> {
                    byKind.computeIfAbsent(kind, k -> new KindStats()).add(s);
                    total.add(s);
                });
            }
            return new LoadResult(windowNanos, inFlight, Map.copyOf(byKind), total, aborted);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }
}
