package io.corral.client.routing;

/**
 * Rendezvous (highest-random-weight) routing of keys to shards, compatible with Quiver: the score of a
 * key on a shard is
 * <pre>  score(key, shardId) = splitmix64(fnv1a64(utf8(key)) + shardId * 0x9e3779b97f4a7c15)</pre>
 * with wrapping unsigned 64-bit arithmetic; a key goes to the shard with the highest score, scores
 * compared as unsigned 64-bit integers, ties (which need a 64-bit collision) going to the lower shard
 * id, ids also compared as unsigned. Adding a shard moves only the keys that now score highest on it;
 * removing one moves only its own keys.
 *
 * <p>Pure and thread-safe. See {@code docs/routing.md} for the byte-level specification and test vectors.
 */
public final class Rendezvous {
    private Rendezvous() {
    }

    /** The FNV-1a 64-bit hash of the key's UTF-8 bytes: the per-key part of every score. */
    public static long keyHash(String key) {
        return Fnv1a64.hash(key);
    }

    /** The score of {@code key} on {@code shardId} (an unsigned 64-bit value). */
    public static long score(String key, long shardId) {
        return score(keyHash(key), shardId);
    }

    /** The score of a key, given its {@link #keyHash}, on {@code shardId} (an unsigned 64-bit value). */
    public static long score(long keyHash, long shardId) {
        return SplitMix64.mix(keyHash + shardId * SplitMix64.GOLDEN_GAMMA);
    }

    /**
     * The shard among {@code shardIds} that {@code key} routes to.
     *
     * @throws IllegalArgumentException when {@code shardIds} is empty
     */
    public static long route(String key, long[] shardIds) {
        if (shardIds.length == 0) {
            throw new IllegalArgumentException("no shards to route to");
        }
        long keyHash = keyHash(key);
        long best = shardIds[0];
        long bestScore = score(keyHash, best);
        for (int i = 1; i < shardIds.length; i++) {
            long id = shardIds[i];
            long s = score(keyHash, id);
            int c = Long.compareUnsigned(s, bestScore);
            if (c > 0 || (c == 0 && Long.compareUnsigned(id, best) < 0)) {
                best = id;
                bestScore = s;
            }
        }
        return best;
    }
}
