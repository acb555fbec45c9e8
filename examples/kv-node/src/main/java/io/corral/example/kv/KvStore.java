package io.corral.example.kv;

import io.corral.agent.moves.ShardRef;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's partitions, created on first use: a replica placed here learns of its shard from the first
 * write routed to it (or from a move that copies it here). Thread-safe.
 */
public final class KvStore {
    /** Log entries each partition keeps for catch-ups. */
    public static final int DEFAULT_MAX_LOG_ENTRIES = 1_000_000;
    private final Map<ShardRef, Partition> partitions = new ConcurrentHashMap<>();
    private final int maxLogEntries;

    public KvStore(int maxLogEntries) {
        this.maxLogEntries = maxLogEntries;
    }

    /** The partition of {@code shard}, created empty (and writable) if this node never had it. */
    public Partition partition(ShardRef shard) {
        return partitions.computeIfAbsent(shard, s -> new Partition(maxLogEntries));
    }

    /** The partition if this node has (or had) it, else null. */
    public Partition existing(ShardRef shard) {
        return partitions.get(shard);
    }

    /** Number of keys per shard held (dropped shards left out), ordered. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> out = new TreeMap<>();
        partitions.forEach((s, p) -> {
            if (!p.dropped()) {
                out.put(s.toString(), p.size());
            }
        });
        return out;
    }

    public long totalKeys() {
        return sizes().values().stream().mapToLong(Integer::longValue).sum();
    }
}
