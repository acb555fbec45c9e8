package io.corral.server.storage;

import io.corral.server.domain.ClusterImage;
import io.corral.server.records.RecordCodec;
import io.corral.server.records.Replayer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine: decodes each committed batch and replays it into the image, nothing else.
 * Snapshots are the image written as JSON; on start the latest snapshot is loaded and Ratis replays
 * the log tail after it.
 *
 * <p>One shortcut, on the leader only: a batch this process submitted (recognised by its client id
 * and call id) may come with the image the controller already built by replaying the same records
 * onto a base image ({@link #expect}). When that base is exactly the image applied so far (the same
 * object, or the image the previous shortcut installed before its index was set), replaying the
 * bytes would give that image again, so it is installed with the entry's index instead. Any other
 * entry, every entry on a follower and every entry replayed after a restart is decoded and replayed.
 */
final class CorralStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(CorralStateMachine.class);
    private static final int SNAPSHOTS_KEPT = 2;

    /**
     * The image together with the term of its last entry, published atomically. {@code unindexed} is
     * the same state before {@link ClusterImage#withAppliedIndex} (the controller's image when the
     * shortcut installed it), so a batch built on it is recognised too.
     */
    private record Applied(ClusterImage image, long term, ClusterImage unindexed) {
        Applied(ClusterImage image, long term) {
            this(image, term, image);
        }
    }

    /** What the controller computed for one batch: its records replayed onto {@code base} give {@code result}. */
    record Prepared(ClusterImage base, ClusterImage result) {
    }

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final List<Consumer<ClusterImage>> listeners = new CopyOnWriteArrayList<>();
    private volatile Applied applied = new Applied(ClusterImage.empty(), 0);
    private final Map<Long, Prepared> prepared = new ConcurrentHashMap<>();
    private volatile ByteString localClientId = ByteString.EMPTY;
    private final LongAdder preparedApplies = new LongAdder();
    private final LongAdder preparedMismatches = new LongAdder();

    ClusterImage image() {
        return applied.image();
    }

    void onApplied(Consumer<ClusterImage> listener) {
        listeners.add(listener);
    }

    /** The client id of this process's own requests; entries of any other id are always replayed. */
    void recognise(ClientId clientId) {
        this.localClientId = clientId.toByteString();
    }

    /** Remembers what the controller computed for the request with this call id, until it is applied. */
    void expect(long callId, Prepared p) {
        prepared.put(callId, p);
    }

    /** Drops what {@link #expect} remembered for a request that failed. */
    void forget(long callId) {
        prepared.remove(callId);
    }

    long preparedApplies() {
        return preparedApplies.sum();
    }

    /**
     * Batches of this process that came with a prepared image built on another base than the one
     * they were applied to, and were therefore replayed. Zero unless batches were applied in another
     * order than they were appended, or one of them was not applied at all.
     */
    long preparedMismatches() {
        return preparedMismatches.sum();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        load(storage.loadLatestSnapshot());
    }

    @Override
    public void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        long started = System.nanoTime();
        ClusterImage img;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16)) {
            img = ImageSnapshotCodec.read(in);
        }
        TermIndex ti = snapshot.getTermIndex();
        applied = new Applied(img, ti.getTerm());
        setLastAppliedTermIndex(ti);
        LOG.info("loaded snapshot {} ({} nodes) in {} ms", file.getName(), img.nodes().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        StateMachineLogEntryProto smEntry = entry.getStateMachineLogEntry();
        Applied now = applied;
        Prepared p = prepared.isEmpty() || !smEntry.getClientId().equals(localClientId) ? null
                : prepared.remove(smEntry.getCallId());
        Applied next;
        if (p != null && (p.base() == now.image() || p.base() == now.unindexed())) {
            ClusterImage result = p.result();
            next = new Applied(result.withAppliedIndex(Math.max(result.appliedIndex(), entry.getIndex())),
                    entry.getTerm(), result);
            preparedApplies.increment();
        } else {
            if (p != null) {
                preparedMismatches.increment();
                LOG.warn("entry {} was not built on the image it is applied to; replaying it", entry.getIndex());
            }
            byte[] data = smEntry.getLogData().toByteArray();
            next = new Applied(Replayer.apply(now.image(), RecordCodec.decodeBatch(data), entry.getIndex()),
                    entry.getTerm());
        }
        applied = next;
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        for (Consumer<ClusterImage> l : listeners) {
            l.accept(next.image());
        }
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        Applied now = applied;
        TermIndex last = getLastAppliedTermIndex();
        // The image and the last applied index are published by the same thread; use the image's own index.
        long index = now.image().appliedIndex();
        long term = now.term();
        if (index <= 0 || last == null) {
            return index;
        }
        File target = storage.getSnapshotFile(term, index);
        File tmp = new File(target.getParentFile(), target.getName() + ".tmp");
        try (FileOutputStream file = new FileOutputStream(tmp);
             OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
            ImageSnapshotCodec.write(now.image(), out);
            out.flush();
            file.getFD().sync();
        }
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        // The checksum file lets Ratis verify the snapshot when it loads it (and install it on followers).
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), term, index));
        storage.cleanupOldSnapshots(new SnapshotRetentionPolicy() {
            @Override
            public int getNumSnapshotsRetained() {
                return SNAPSHOTS_KEPT;
            }
        });
        LOG.info("snapshot at index {} ({} nodes) written to {}", index, now.image().nodes().size(), target.getName());
        return index;
    }
}
