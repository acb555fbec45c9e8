package io.corral.server.controller;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.records.Record;
import io.corral.server.records.RecordCodec;
import io.corral.server.records.Replayer;
import io.corral.server.storage.ReplicatedLog;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Commands queue up; one thread takes as many as are waiting (up to
 * {@link #MAX_BATCH_COMMANDS} commands or {@link #MAX_BATCH_BYTES} bytes of records), executes them
 * one after another against a working image that already includes the records of the commands
 * before them, writes all their records as one log entry and, once that entry is committed and
 * applied, completes each command's future. A command that fails validation writes nothing and
 * fails alone.
 *
 * <p>Because the loop waits for each batch before it starts the next, every command is validated
 * against exactly the state its records will be applied to: no two commands can both claim the same
 * id, and no lock is needed anywhere in the domain. Throughput comes from batching: the more
 * commands wait while a batch commits, the larger the next batch.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    static final int MAX_BATCH_COMMANDS = 4096;
    static final int MAX_BATCH_BYTES = 16 << 20;
    private static final long COMMIT_TIMEOUT_MS = 30_000;

    private record Pending<R>(String actor, Command<R> command, CompletableFuture<R> future) {
    }

    private final ReplicatedLog log;
    private final Clock clock;
    private final LongConsumer commitLatencyNanos;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Commands taken from the queue that did not fit the last batch; they go first, in order. */
    private final ArrayDeque<Pending<?>> carried = new ArrayDeque<>();

    public Controller(ReplicatedLog log, Clock clock, LongConsumer commitLatencyNanos) {
        this.log = log;
        this.clock = clock;
        this.commitLatencyNanos = commitLatencyNanos;
        this.thread = new Thread(this::loop, "corral-controller");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a command on behalf of {@code actor}; the future completes with its reply once durable. */
    public <R> CompletableFuture<R> submit(String actor, Command<R> command) {
        CompletableFuture<R> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new CorralException(ErrorCode.UNAVAILABLE, "the coordinator is shutting down"));
            return future;
        }
        queue.add(new Pending<>(actor, command, future));
        return future;
    }

    /** The latest committed image. */
    public ClusterImage image() {
        return log.image();
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (running) {
            try {
                batch.clear();
                if (carried.isEmpty()) {
                    Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                while (!carried.isEmpty() && batch.size() < MAX_BATCH_COMMANDS) {
                    batch.add(carried.poll());
                }
                queue.drainTo(batch, MAX_BATCH_COMMANDS - batch.size());
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("controller loop failed; failing the batch", e);
                failAll(batch, new CorralException(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getMessage()));
            }
        }
        failQueued();
    }

    private void runBatch(List<Pending<?>> batch) throws InterruptedException {
        if (!log.isLeader()) {
            failAll(batch, new CorralException(ErrorCode.UNAVAILABLE, "this coordinator is not the leader"));
            return;
        }
        ClusterImage working = log.image();
        List<byte[]> encoded = new ArrayList<>();
        List<Pending<?>> accepted = new ArrayList<>();
        List<Object> replies = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            Pending<?> p = batch.get(i);
            Outcome<?> outcome;
            try {
                outcome = p.command().execute(working, new CommandContext(clock.millis(), p.actor()));
            } catch (CorralException e) {
                p.future().completeExceptionally(e);
                continue;
            } catch (RuntimeException e) {
                LOG.error("command {} failed", p.command().getClass().getSimpleName(), e);
                p.future().completeExceptionally(new CorralException(ErrorCode.INTERNAL_ERROR,
                        "internal error: " + e.getMessage()));
                continue;
            }
            List<byte[]> mine = new ArrayList<>(outcome.records().size());
            int myBytes = 0;
            for (Record r : outcome.records()) {
                byte[] b = RecordCodec.encode(r);
                mine.add(b);
                myBytes += b.length + 4;
            }
            if (bytes + myBytes > MAX_BATCH_BYTES && !accepted.isEmpty()) {
                // Too big for this entry: run it first in the next batch, and everything after it too.
                carried.addAll(batch.subList(i, batch.size()));
                break;
            }
            for (Record r : outcome.records()) {
                working = Replayer.apply(working, r);
            }
            encoded.addAll(mine);
            bytes += myBytes;
            accepted.add(p);
            replies.add(outcome.reply());
        }
        if (!encoded.isEmpty()) {
            long started = System.nanoTime();
            try {
                log.append(RecordCodec.frame(encoded)).get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                LOG.warn("writing a batch of {} records failed", encoded.size(), cause);
                failAll(accepted, cause instanceof CorralException ce ? ce
                        : new CorralException(ErrorCode.UNAVAILABLE, "the write was not committed: " + cause));
                return;
            }
            commitLatencyNanos.accept(System.nanoTime() - started);
        }
        for (int i = 0; i < accepted.size(); i++) {
            complete(accepted.get(i), replies.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Pending<R> p, Object reply) {
        p.future().complete((R) reply);
    }

    private static void failAll(List<Pending<?>> batch, CorralException e) {
        for (Pending<?> p : batch) {
            p.future().completeExceptionally(e);
        }
    }

    private void failQueued() {
        CorralException e = new CorralException(ErrorCode.UNAVAILABLE, "the coordinator is shutting down");
        Pending<?> p;
        while ((p = carried.poll()) != null) {
            p.future().completeExceptionally(e);
        }
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }
}
