package io.corral.client.routing;

/**
 * Jump consistent hash (Lamping and Veach, 2014): maps a 64-bit key to a bucket in {@code [0, buckets)}
 * so that growing from {@code n} to {@code n + 1} buckets moves only about {@code 1/(n+1)} of the keys,
 * all of them into the new bucket. The loop, with the key as an unsigned 64-bit integer:
 * <pre>
 *   b = -1; j = 0
 *   while j &lt; buckets:
 *     b = j
 *     key = key * 2862933555777941757 + 1            (mod 2^64)
 *     j = floor((b + 1) * (2^31 / ((key >>> 33) + 1)))   (IEEE-754 double arithmetic)
 *   return b
 * </pre>
 * Pure and thread-safe. See {@code docs/routing.md}.
 */
public final class JumpHash {
    /** The multiplier of the 64-bit linear congruential step. */
    public static final long LCG_MULTIPLIER = 2862933555777941757L;

    private JumpHash() {
    }

    /**
     * The bucket of {@code key} among {@code buckets}.
     *
     * @throws IllegalArgumentException when {@code buckets} is not positive
     */
    public static int bucket(long key, int buckets) {
        if (buckets <= 0) {
            throw new IllegalArgumentException("buckets must be positive, got " + buckets);
        }
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * LCG_MULTIPLIER + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }
}
