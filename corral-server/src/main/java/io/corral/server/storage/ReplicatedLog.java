package io.corral.server.storage;

import io.corral.server.domain.ClusterImage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The durable, ordered log of record batches and the image replayed from it.
 *
 * <p>{@link #append} completes only when the batch is committed (durable on a majority; for one peer,
 * flushed to its disk) <em>and</em> applied, so {@link #image()} read after completion includes it.
 * Batches appended one after another by one thread are committed and applied in that order.
 */
public interface ReplicatedLog extends AutoCloseable {

    /** Appends one framed batch (see {@link io.corral.server.records.RecordCodec#frame}). */
    CompletableFuture<Void> append(byte[] framedBatch);

    /**
     * Appends one framed batch whose records, replayed in order onto {@code base}, give
     * {@code result} (ignoring {@link ClusterImage#appliedIndex()}). A log may use this to skip
     * decoding and replaying the batch when the image it applies the batch to is {@code base}
     * (or {@code base} published at a newer index); the bytes stay the only thing written and what
     * every other replica and every restart replays. The default ignores the hint.
     */
    default CompletableFuture<Void> append(byte[] framedBatch, ClusterImage base, ClusterImage result) {
        return append(framedBatch);
    }

    /** The latest applied image. */
    ClusterImage image();

    /** Whether this process may write: it is the leader and has applied everything before its term. */
    boolean isLeader();

    /** Registers a listener called (on the applier thread) with each newly applied image. */
    void onApplied(Consumer<ClusterImage> listener);

    @Override
    void close();
}
