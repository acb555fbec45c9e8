package io.corral.client.routing;

/**
 * The SplitMix64 finalizer (Steele, Lea and Flood; the constants of Vigna's {@code splitmix64.c}): a
 * bijective mix of 64 bits, with all arithmetic modulo 2<sup>64</sup>:
 * <pre>
 *   z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9
 *   z = (z ^ (z >>> 27)) * 0x94d049bb133111eb
 *   return z ^ (z >>> 31)
 * </pre>
 * This is the output function only; the generator's state step (adding {@link #GOLDEN_GAMMA}) is not
 * included, so {@code mix(GOLDEN_GAMMA)} is the first output of a SplitMix64 generator seeded with 0.
 *
 * <p>Pure and thread-safe.
 */
public final class SplitMix64 {
    /** 2<sup>64</sup> divided by the golden ratio, rounded to odd: SplitMix64's state increment. */
    public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private SplitMix64() {
    }

    /** The finalizer applied to {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
