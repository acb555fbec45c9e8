package io.corral.server.storage;

import io.corral.server.domain.ClusterImage;
import io.corral.server.records.RecordCodec;
import io.corral.server.records.Replayer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A log that keeps its batches in memory and applies each at once. For unit tests of commands and
 * replay; it round-trips every batch through {@link RecordCodec} exactly as the Ratis log does.
 */
public final class InMemoryLog implements ReplicatedLog {
    private final List<byte[]> entries = new ArrayList<>();
    private final List<Consumer<ClusterImage>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterImage image = ClusterImage.empty();

    @Override
    public synchronized CompletableFuture<Void> append(byte[] framedBatch) {
        entries.add(framedBatch);
        image = Replayer.apply(image, RecordCodec.decodeBatch(framedBatch), entries.size());
        listeners.forEach(l -> l.accept(image));
        return CompletableFuture.completedFuture(null);
    }

    /** Replays every entry from the empty image, as a restart would. */
    public synchronized ClusterImage replayFromScratch() {
        ClusterImage img = ClusterImage.empty();
        for (int i = 0; i < entries.size(); i++) {
            img = Replayer.apply(img, RecordCodec.decodeBatch(entries.get(i)), i + 1);
        }
        return img;
    }

    @Override
    public ClusterImage image() {
        return image;
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public void onApplied(Consumer<ClusterImage> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
    }
}
