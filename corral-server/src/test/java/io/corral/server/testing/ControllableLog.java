package io.corral.server.testing;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.storage.InMemoryLog;
import io.corral.server.storage.ReplicatedLog;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A log whose commits the test decides: {@link #append} only queues the batch; {@link #commitOldest}
 * applies the oldest queued batch (through an {@link InMemoryLog}, so bytes are decoded and replayed)
 * and completes its future, {@link #failOldest} fails it without applying it. Leadership is a switch.
 * Every wait is bounded by {@link ControllerHarness#WAIT_SECONDS}.
 */
public final class ControllableLog implements ReplicatedLog {
    /** One appended batch and the future its appender holds. */
    public record Appended(byte[] batch, CompletableFuture<Void> future) {
    }

    public final InMemoryLog committed = new InMemoryLog();
    private final ArrayDeque<Appended> queued = new ArrayDeque<>();
    private volatile boolean leader = true;
    private int appendedTotal;

    @Override
    public synchronized CompletableFuture<Void> append(byte[] framedBatch) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!leader) {
            f.completeExceptionally(new CorralException(ErrorCode.UNAVAILABLE, "not the leader"));
            return f;
        }
        queued.addLast(new Appended(framedBatch, f));
        appendedTotal++;
        notifyAll();
        return f;
    }

    /** Waits until {@code count} batches have been appended since the start, and returns how many are queued. */
    public synchronized int awaitAppended(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ControllerHarness.WAIT_SECONDS);
        while (appendedTotal < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + appendedTotal + " of " + count + " batches were appended");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return queued.size();
    }

    public synchronized int appendedTotal() {
        return appendedTotal;
    }

    /** Commits and applies the oldest queued batch, then completes its future. */
    public void commitOldest() {
        Appended a;
        synchronized (this) {
            a = take();
            committed.append(a.batch());
        }
        a.future().complete(null);
    }

    /** Fails the oldest queued batch without applying it. */
    public void failOldest(Throwable cause) {
        Appended a;
        synchronized (this) {
            a = take();
        }
        a.future().completeExceptionally(cause);
    }

    /** Writes a batch as another leader would have: committed without any appender. */
    public synchronized void writeForeign(byte[] framedBatch) {
        committed.append(framedBatch);
    }

    private Appended take() {
        Appended a = queued.pollFirst();
        if (a == null) {
            throw new AssertionError("no batch is waiting to commit");
        }
        return a;
    }

    public void setLeader(boolean leader) {
        this.leader = leader;
    }

    @Override
    public ClusterImage image() {
        return committed.image();
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public void onApplied(Consumer<ClusterImage> listener) {
        committed.onApplied(listener);
    }

    @Override
    public void close() {
    }
}
