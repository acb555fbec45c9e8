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
import java.util.concurrent.CompletionException;
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
 * one after another against a working image that already includes the records of every command
 * before them, and appends all their records as one log entry.
 *
 * <p>The writer is pipelined: while a batch commits it goes on building and appending the next ones
 * against the working image, which includes the not yet committed records of the batches before,
 * with at most {@code maxBatchesInFlight} batches appended and not yet committed. Guarantees:
 * <ul>
 *   <li>Every command is validated against exactly the state its records are applied to, so no two
 *       commands can both claim the same id, and no lock is needed anywhere in the domain.</li>
 *   <li>Replies (and refusals) complete in log order, each only after its batch and every batch
 *       before it are committed and applied: {@link #image()} read after a reply includes it.</li>
 *   <li>If a batch is not committed (not the leader, rejected, no answer within
 *       {@value #COMMIT_TIMEOUT_MS} ms), it and every later batch in flight fail, all of them
 *       {@link ErrorCode#UNAVAILABLE} unless the log said otherwise; once they have all settled
 *       the working image is reset to the committed image before anything else runs.</li>
 *   <li>A command that fails validation writes nothing and fails alone.</li>
 * </ul>
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    static final int MAX_BATCH_COMMANDS = 4096;
    static final int MAX_BATCH_BYTES = 16 << 20;
    /** Batches appended and not yet committed, at most, unless the constructor says otherwise. */
    public static final int DEFAULT_MAX_BATCHES_IN_FLIGHT = 4;
    static final long COMMIT_TIMEOUT_MS = 30_000;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Put on the queue when an appended batch settles, to wake the loop. */
    private static final Object WAKE = new Object();

    private record Pending<R>(String actor, Command<R> command, CompletableFuture<R> future) {
    }

    /** A command's validation failure, delivered in order with the replies of its batch. */
    private record Refusal(CorralException error) {
    }

    /** The commands of one batch and what each gets once the batch is committed. */
    private static final class Batch {
        final List<Pending<?>> commands = new ArrayList<>();
        /** Per command: its reply, or a {@link Refusal}. */
        final List<Object> results = new ArrayList<>();
        /** Completes once the batch is committed and applied; null when it wrote nothing. */
        CompletableFuture<Void> committed;
        long appendedAtNanos;

        void add(Pending<?> p, Object result) {
            commands.add(p);
            results.add(result);
        }

        void completeAll() {
            for (int i = 0; i < commands.size(); i++) {
                Object r = results.get(i);
                if (r instanceof Refusal refusal) {
                    commands.get(i).future().completeExceptionally(refusal.error());
                } else {
                    complete(commands.get(i), r);
                }
            }
        }

        void failAll(CorralException e) {
            for (Pending<?> p : commands) {
                p.future().completeExceptionally(e);
            }
        }
    }

    private final ReplicatedLog log;
    private final Clock clock;
    private final LongConsumer commitLatencyNanos;
    private final int maxBatchesInFlight;
    /** Pending commands and {@link #WAKE} tokens. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    // Owned by the controller thread:
    /** Commands taken from the queue that did not fit the last batch; they go first, in order. */
    private final ArrayDeque<Pending<?>> carried = new ArrayDeque<>();
    /** Batches handed to the log, oldest first; their replies complete in this order. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    /** How many of {@link #inFlight} were appended (batches that wrote nothing wait there too, but free). */
    private int appendedInFlight;
    /** The committed image plus every batch in flight; null means "the log's image". */
    private ClusterImage working;

    public Controller(ReplicatedLog log, Clock clock, LongConsumer commitLatencyNanos) {
        this(log, clock, commitLatencyNanos, DEFAULT_MAX_BATCHES_IN_FLIGHT);
    }

    /** @param maxBatchesInFlight batches appended and not yet committed, at most (1 = stop-and-wait) */
    public Controller(ReplicatedLog log, Clock clock, LongConsumer commitLatencyNanos, int maxBatchesInFlight) {
        if (maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("maxBatchesInFlight must be at least 1");
        }
        this.log = log;
        this.clock = clock;
        this.commitLatencyNanos = commitLatencyNanos;
        this.maxBatchesInFlight = maxBatchesInFlight;
        this.thread = new Thread(this::loop, "corral-controller");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a command on behalf of {@code actor}; the future completes with its reply once durable. */
    public <R> CompletableFuture<R> submit(String actor, Command<R> command) {
        CompletableFuture<R> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(shuttingDown());
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
        List<Object> drained = new ArrayList<>();
        while (running) {
            try {
                settle();
                if (appendedInFlight >= maxBatchesInFlight) {
                    awaitOldest();
                    continue;
                }
                batch.clear();
                if (carried.isEmpty()) {
                    Object first = queue.poll(pollNanos(), TimeUnit.NANOSECONDS);
                    if (first == null || first == WAKE) {
                        continue;
                    }
                    batch.add((Pending<?>) first);
                }
                while (!carried.isEmpty() && batch.size() < MAX_BATCH_COMMANDS) {
                    batch.add(carried.poll());
                }
                drained.clear();
                queue.drainTo(drained, MAX_BATCH_COMMANDS - batch.size());
                for (Object o : drained) {
                    if (o != WAKE) {
                        batch.add((Pending<?>) o);
                    }
                }
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("controller loop failed; failing the batch", e);
                CorralException failure = new CorralException(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getMessage());
                for (Pending<?> p : batch) {
                    p.future().completeExceptionally(failure);
                }
            }
        }
        CorralException e = shuttingDown();
        for (Batch b : inFlight) {
            b.failAll(e);
        }
        inFlight.clear();
        failQueued();
    }

    /** How long to wait for a command: until the oldest batch in flight times out, at most the idle poll. */
    private long pollNanos() {
        Batch oldest = inFlight.peekFirst();
        if (oldest == null) {
            return IDLE_POLL_NANOS;
        }
        long left = oldest.appendedAtNanos + TimeUnit.MILLISECONDS.toNanos(COMMIT_TIMEOUT_MS) - System.nanoTime();
        return Math.max(0, Math.min(IDLE_POLL_NANOS, left));
    }

    private void awaitOldest() throws InterruptedException {
        Batch oldest = inFlight.peekFirst();
        if (oldest == null || oldest.committed == null) {
            return; // settle() completes it
        }
        long waitNanos = pollNanos();
        try {
            oldest.committed.get(Math.max(waitNanos, 1), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // settle() decides what it means.
        }
    }

    /** Completes the replies of every committed batch at the head, in order; handles a failed one. */
    private void settle() throws InterruptedException {
        while (!inFlight.isEmpty()) {
            Batch oldest = inFlight.peekFirst();
            if (oldest.committed != null && !oldest.committed.isDone()) {
                if (System.nanoTime() - oldest.appendedAtNanos >= TimeUnit.MILLISECONDS.toNanos(COMMIT_TIMEOUT_MS)) {
                    failInFlight(new TimeoutException("no commit within " + COMMIT_TIMEOUT_MS + " ms"));
                }
                return;
            }
            Throwable failure = oldest.committed == null ? null : failureOf(oldest.committed);
            if (failure != null) {
                failInFlight(failure);
                return;
            }
            inFlight.pollFirst();
            if (oldest.committed != null) {
                appendedInFlight--;
                commitLatencyNanos.accept(System.nanoTime() - oldest.appendedAtNanos);
            }
            oldest.completeAll();
        }
        // Nothing in flight: the committed image is the working image (and may have moved on
        // without us, e.g. after a change of leader).
        working = null;
    }

    /**
     * Fails every batch in flight with the first one's failure. Later batches were validated against
     * state that includes the failed one, so they fail too; each is first allowed to settle, so that
     * the image the next batch is built on includes whatever of them did commit.
     */
    private void failInFlight(Throwable cause) throws InterruptedException {
        CorralException failure = cause instanceof CorralException ce ? ce
                : new CorralException(ErrorCode.UNAVAILABLE, "the write was not committed: " + cause);
        LOG.warn("a batch of {} commands was not committed; failing it and the {} batches after it",
                inFlight.peekFirst().commands.size(), inFlight.size() - 1, cause);
        Batch b;
        while ((b = inFlight.pollFirst()) != null) {
            if (b.committed != null) {
                long left = b.appendedAtNanos + TimeUnit.MILLISECONDS.toNanos(COMMIT_TIMEOUT_MS) - System.nanoTime();
                try {
                    b.committed.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException ignored) {
                    // It fails like the rest.
                }
            }
            b.failAll(failure);
        }
        appendedInFlight = 0;
        working = null;
    }

    private static Throwable failureOf(CompletableFuture<Void> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void runBatch(List<Pending<?>> commands) {
        if (!log.isLeader()) {
            CorralException e = new CorralException(ErrorCode.UNAVAILABLE, "this coordinator is not the leader");
            for (Pending<?> p : commands) {
                p.future().completeExceptionally(e);
            }
            return;
        }
        ClusterImage base = working != null ? working : log.image();
        ClusterImage img = base;
        Batch batch = new Batch();
        List<byte[]> encoded = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < commands.size(); i++) {
            Pending<?> p = commands.get(i);
            Outcome<?> outcome;
            try {
                outcome = p.command().execute(img, new CommandContext(clock.millis(), p.actor()));
            } catch (CorralException e) {
                batch.add(p, new Refusal(e));
                continue;
            } catch (RuntimeException e) {
                LOG.error("command {} failed", p.command().getClass().getSimpleName(), e);
                batch.add(p, new Refusal(new CorralException(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getMessage())));
                continue;
            }
            List<Record> records = outcome.records();
            List<byte[]> mine = new ArrayList<>(records.size());
            int myBytes = 0;
            for (Record r : records) {
                byte[] b = RecordCodec.encode(r);
                mine.add(b);
                myBytes += b.length + 4;
            }
            if (bytes + myBytes > MAX_BATCH_BYTES && !encoded.isEmpty()) {
                // Too big for this entry: run it first in the next batch, and everything after it too.
                carried.addAll(commands.subList(i, commands.size()));
                break;
            }
            for (Record r : records) {
                img = Replayer.apply(img, r);
            }
            encoded.addAll(mine);
            bytes += myBytes;
            batch.add(p, outcome.reply());
        }
        if (!encoded.isEmpty()) {
            batch.appendedAtNanos = System.nanoTime();
            try {
                batch.committed = log.append(RecordCodec.frame(encoded), base, img);
            } catch (RuntimeException e) {
                batch.committed = CompletableFuture.failedFuture(e);
            }
            batch.committed.whenComplete((v, e) -> queue.offer(WAKE));
            appendedInFlight++;
            working = img;
        }
        if (batch.committed == null && inFlight.isEmpty()) {
            batch.completeAll();
        } else {
            inFlight.addLast(batch);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Pending<R> p, Object reply) {
        p.future().complete((R) reply);
    }

    private static CorralException shuttingDown() {
        return new CorralException(ErrorCode.UNAVAILABLE, "the coordinator is shutting down");
    }

    private void failQueued() {
        CorralException e = shuttingDown();
        Pending<?> p;
        while ((p = carried.poll()) != null) {
            p.future().completeExceptionally(e);
        }
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof Pending<?> q) {
                q.future().completeExceptionally(e);
            }
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
