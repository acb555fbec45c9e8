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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
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
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine: decodes each committed batch and replays it into the image, nothing else.
 * Snapshots are the image written as JSON; on start the latest snapshot is loaded and Ratis replays
 * the log tail after it.
 */
final class CorralStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(CorralStateMachine.class);
    private static final int SNAPSHOTS_KEPT = 2;

    /** The image together with the term of its last entry, published atomically. */
    private record Applied(ClusterImage image, long term) {
    }

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final List<Consumer<ClusterImage>> listeners = new CopyOnWriteArrayList<>();
    private volatile Applied applied = new Applied(ClusterImage.empty(), 0);

    ClusterImage image() {
        return applied.image();
    }

    void onApplied(Consumer<ClusterImage> listener) {
        listeners.add(listener);
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
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        ClusterImage next = Replayer.apply(applied.image(), RecordCodec.decodeBatch(data), entry.getIndex());
        applied = new Applied(next, entry.getTerm());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        for (Consumer<ClusterImage> l : listeners) {
            l.accept(next);
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
