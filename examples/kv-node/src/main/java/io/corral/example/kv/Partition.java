package io.corral.example.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's data on one node: per key the entry with the highest version, a write log with absolute
 * positions, a fence, and whether the shard was dropped. All methods are atomic (one lock per
 * partition), which makes "install the fence, then take the snapshot and its position" one step with
 * respect to writes.
 *
 * <p>Guarantees: an entry never replaces one with a higher version (so an imported snapshot cannot
 * overwrite a newer dual-written value); after {@link #fence(long)} no write routed with an older map
 * version is taken; after {@link #drop()} no write is taken until {@link #revive()}. The log keeps at most
 * {@code maxLogEntries} entries; a catch-up from before what it kept is refused.
 */
public final class Partition {
    /** The log's retained window: a tail of positions {@code [logStart, logStart + log.size())}. */
    private final List<Entry> log = new ArrayList<>();
    private final Map<String, Entry> data = new HashMap<>();
    private final int maxLogEntries;
    private long logStart;
    private long fenceVersion;
    private boolean dropped;

    /** The log entries after a position, and the position they reach. */
    public record Changes(List<Entry> entries, long position) {
    }

    /** A copy of every entry, consistent with {@code position}. */
    public record Snapshot(List<Entry> entries, long position) {
    }

    public Partition(int maxLogEntries) {
        if (maxLogEntries < 1) {
            throw new IllegalArgumentException("the log must keep at least one entry");
        }
        this.maxLogEntries = maxLogEntries;
    }

    /** A client's write, routed with resource map version {@code mapVersion}. */
    public synchronized WriteOutcome write(Entry e, long mapVersion) {
        if (dropped) {
            return WriteOutcome.NOT_HELD;
        }
        if (mapVersion < fenceVersion) {
            return new WriteOutcome(WriteOutcome.Kind.STALE_MAP, fenceVersion);
        }
        apply(e);
        return WriteOutcome.ACCEPTED;
    }

    /** The entry of {@code key}, or null; {@link IllegalStateException} when the shard was dropped here. */
    public synchronized Entry read(String key) {
        if (dropped) {
            throw new IllegalStateException("dropped");
        }
        return data.get(key);
    }

    /** Every entry (for checks and dumps); {@link IllegalStateException} when dropped. */
    public synchronized List<Entry> entries() {
        if (dropped) {
            throw new IllegalStateException("dropped");
        }
        return new ArrayList<>(data.values());
    }

    /** Raises the fence (never lowers it), then copies the data and the log position. */
    public synchronized Snapshot snapshot(long fence) {
        requireHeld();
        fenceVersion = Math.max(fenceVersion, fence);
        return new Snapshot(new ArrayList<>(data.values()), logEnd());
    }

    /**
     * Raises the fence, then returns the log after {@code since}.
     *
     * @throws IllegalStateException when dropped, or when the log no longer reaches back to {@code since}
     */
    public synchronized Changes changesSince(long since, long fence) {
        requireHeld();
        if (since < logStart || since > logEnd()) {
            throw new IllegalStateException("the log holds positions " + logStart + ".." + logEnd() + ", not " + since);
        }
        fenceVersion = Math.max(fenceVersion, fence);
        return new Changes(new ArrayList<>(log.subList((int) (since - logStart), log.size())), logEnd());
    }

    /** Merges imported entries (higher version wins), logging those applied. */
    public synchronized void merge(List<Entry> entries) {
        for (Entry e : entries) {
            apply(e);
        }
    }

    /** Makes a dropped shard writable again (it is being copied here). */
    public synchronized void revive() {
        dropped = false;
    }

    /** Forgets the data and the log and refuses writes from now on; the fence stays. */
    public synchronized void drop() {
        data.clear();
        log.clear();
        logStart = 0;
        dropped = true;
    }

    public synchronized boolean dropped() {
        return dropped;
    }

    public synchronized int size() {
        return data.size();
    }

    public synchronized long fenceVersion() {
        return fenceVersion;
    }

    public synchronized long logEnd() {
        return logStart + log.size();
    }

    private void requireHeld() {
        if (dropped) {
            throw new IllegalStateException("dropped");
        }
    }

    private void apply(Entry e) {
        Entry old = data.get(e.key());
        if (old != null && old.version() >= e.version()) {
            return;
        }
        data.put(e.key(), e);
        log.add(e);
        if (log.size() > maxLogEntries) {
            int cut = log.size() - maxLogEntries / 2;
            log.subList(0, cut).clear();
            logStart += cut;
        }
    }
}
