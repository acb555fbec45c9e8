package io.corral.agent.moves;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test node's storage: per shard, a map of keys and a log of writes; exports are lines {@code k=v}.
 * Records what the worker asked of it, and can hold the first import until released.
 */
final class MemoryParticipant implements MoveParticipant {
    final Map<ShardRef, Map<String, String>> data = new ConcurrentHashMap<>();
    final Map<ShardRef, List<String>> log = new ConcurrentHashMap<>();
    final Map<ShardRef, Long> fences = new ConcurrentHashMap<>();
    final AtomicInteger snapshotImports = new AtomicInteger();
    final AtomicInteger changeImports = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    final AtomicInteger abandons = new AtomicInteger();
    /** Runs after a snapshot export is taken, e.g. to add a write the catch-up must carry. */
    volatile Runnable afterSnapshotExport = () -> { };
    /** When set, an abandon waits for it before dropping. */
    volatile CountDownLatch holdAbandon;
    /** When set, the first snapshot import waits for it (interruptibly). */
    volatile CountDownLatch holdFirstImport;

    synchronized void write(ShardRef s, String k, String v) {
        data.computeIfAbsent(s, x -> new TreeMap<>()).put(k, v);
        log.computeIfAbsent(s, x -> new ArrayList<>()).add(k + "=" + v);
    }

    synchronized Map<String, String> copy(ShardRef s) {
        return new TreeMap<>(data.getOrDefault(s, Map.of()));
    }

    @Override
    public ShardExport exportSnapshot(ShardRef shard, long fenceVersion) {
        ShardExport e;
        synchronized (this) {
            if (!data.containsKey(shard)) {
                throw new ShardUnavailableException("not held: " + shard);
            }
            fences.merge(shard, fenceVersion, Math::max);
            StringBuilder b = new StringBuilder();
            data.get(shard).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
            e = export(log.getOrDefault(shard, List.of()).size(), data.get(shard).size(), b.toString());
        }
        afterSnapshotExport.run();
        return e;
    }

    @Override
    public synchronized ShardExport exportChanges(ShardRef shard, long sincePosition, long fenceVersion) {
        if (!data.containsKey(shard)) {
            throw new ShardUnavailableException("not held: " + shard);
        }
        fences.merge(shard, fenceVersion, Math::max);
        List<String> l = log.getOrDefault(shard, List.of());
        StringBuilder b = new StringBuilder();
        for (int i = (int) sincePosition; i < l.size(); i++) {
            b.append(l.get(i)).append('\n');
        }
        return export(l.size(), l.size() - sincePosition, b.toString());
    }

    private static ShardExport export(long position, long items, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ShardExport(position, items, bytes.length, out -> out.write(bytes));
    }

    @Override
    public void importSnapshot(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException {
        CountDownLatch hold = holdFirstImport;
        if (snapshotImports.incrementAndGet() == 1 && hold != null) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("import interrupted");
            }
        }
        apply(shard, in, progress);
    }

    @Override
    public void importChanges(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException {
        changeImports.incrementAndGet();
        apply(shard, in, progress);
    }

    private void apply(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        long done = 0;
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                write(shard, line.substring(0, eq), line.substring(eq + 1));
                progress.items(++done, lines.length);
            }
        }
        data.computeIfAbsent(shard, x -> new TreeMap<>());
    }

    @Override
    public synchronized void drop(ShardRef shard) {
        drops.incrementAndGet();
        data.remove(shard);
        log.remove(shard);
    }

    @Override
    public void abandon(ShardRef shard) {
        abandons.incrementAndGet();
        CountDownLatch hold = holdAbandon;
        if (hold != null) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        drop(shard);
    }
}
