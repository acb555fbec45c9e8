package io.corral.client.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Routes a row of a partitioned resource to its partition from the values of the resource's shard keys:
 * <pre>  partition = jump(fnv1a64(utf8(v1) 0x1F utf8(v2) 0x1F ... utf8(vn)), partitions)</pre>
 * that is, FNV-1a 64 over the UTF-8 bytes of the values in shard-key order, separated by the single byte
 * 0x1F (ASCII unit separator, no separator after the last value), then {@link JumpHash} over the
 * partition count. Growing the partition count moves only the rows that land in the new partitions.
 *
 * <p>Immutable and thread-safe. See {@code docs/routing.md}.
 */
public final class KeyRouter {
    /** The byte written between two shard-key values. */
    public static final byte SEPARATOR = 0x1F;

    private final int partitions;

    /**
     * @param partitions the resource's number of hash partitions, at least 1
     * @throws IllegalArgumentException when {@code partitions} is not positive
     */
    public KeyRouter(int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.partitions = partitions;
    }

    /** The number of partitions routed over. */
    public int partitions() {
        return partitions;
    }

    /** The partition of the row whose shard-key values are {@code values}, in shard-key order. */
    public int partition(List<String> values) {
        return JumpHash.bucket(hash(values), partitions);
    }

    /** The partition of the row whose shard-key values are {@code values}, in shard-key order. */
    public int partition(String... values) {
        return partition(List.of(values));
    }

    /** The FNV-1a 64 hash of the values joined by {@link #SEPARATOR}, as UTF-8. */
    public static long hash(List<String> values) {
        long h = Fnv1a64.OFFSET_BASIS;
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                h = Fnv1a64.update(h, SEPARATOR);
            }
            byte[] bytes = values.get(i).getBytes(StandardCharsets.UTF_8);
            h = Fnv1a64.update(h, bytes, 0, bytes.length);
        }
        return h;
    }
}
