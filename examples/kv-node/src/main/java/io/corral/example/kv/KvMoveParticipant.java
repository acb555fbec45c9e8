package io.corral.example.kv;

import io.corral.agent.moves.MoveParticipant;
import io.corral.agent.moves.ProgressReporter;
import io.corral.agent.moves.ShardExport;
import io.corral.agent.moves.ShardRef;
import io.corral.agent.moves.ShardUnavailableException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The reference node's part in moves, over its {@link KvStore}: exports fence and copy a partition
 * atomically ({@link Partition#snapshot}, {@link Partition#changesSince}); imports merge by version in
 * batches; drop forgets the data and refuses later writes. Thread-safe.
 */
public final class KvMoveParticipant implements MoveParticipant {
    private static final int IMPORT_BATCH = 1_000;
    private final KvStore store;

    public KvMoveParticipant(KvStore store) {
        this.store = store;
    }

    @Override
    public ShardExport exportSnapshot(ShardRef shard, long fenceVersion) {
        Partition.Snapshot s;
        try {
            // A donor that never received a write for the shard still holds it (empty): create and fence it.
            s = store.partition(shard).snapshot(fenceVersion);
        } catch (IllegalStateException e) {
            throw new ShardUnavailableException("shard " + shard + " is not held here (" + e.getMessage() + ")");
        }
        byte[] body = EntryCodec.encode(s.entries());
        return new ShardExport(s.position(), s.entries().size(), body.length, out -> out.write(body));
    }

    @Override
    public ShardExport exportChanges(ShardRef shard, long sincePosition, long fenceVersion) {
        Partition.Changes c;
        try {
            c = store.partition(shard).changesSince(sincePosition, fenceVersion);
        } catch (IllegalStateException e) {
            throw new ShardUnavailableException("no changes of " + shard + " since " + sincePosition + " here ("
                    + e.getMessage() + ")");
        }
        byte[] body = EntryCodec.encode(c.entries());
        return new ShardExport(c.position(), c.entries().size(), body.length, out -> out.write(body));
    }

    @Override
    public void importSnapshot(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException {
        Partition p = store.partition(shard);
        p.revive();
        merge(p, in, progress);
    }

    @Override
    public void importChanges(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException {
        Partition p = store.partition(shard);
        if (p.dropped()) {
            throw new IOException("shard " + shard + " was dropped here; its copy must start with a snapshot");
        }
        merge(p, in, progress);
    }

    private static void merge(Partition p, InputStream in, ProgressReporter progress) throws IOException {
        long[] done = {0};
        EntryCodec.decode(in, IMPORT_BATCH, batch -> {
            p.merge(batch);
            done[0] += batch.size();
            progress.items(done[0], -1);
        });
    }

    @Override
    public void drop(ShardRef shard) {
        store.partition(shard).drop();
    }
}
