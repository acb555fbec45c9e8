package io.corral.client.routing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately plain reference implementation of the routing functions over {@link BigInteger}, written
 * from the specification in {@code docs/routing.md} and not from the production classes: unsigned values
 * stay non-negative big integers and every wrap is an explicit {@code mod 2^64}.
 */
final class ReferenceRouting {
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MASK = TWO_64.subtract(BigInteger.ONE);

    private ReferenceRouting() {
    }

    static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    static BigInteger fnv1a64(byte[] bytes) {
        BigInteger h = new BigInteger("cbf29ce484222325", 16);
        BigInteger prime = new BigInteger("100000001b3", 16);
        for (byte b : bytes) {
            h = h.xor(BigInteger.valueOf(b & 0xff)).multiply(prime).and(MASK);
        }
        return h;
    }

    static BigInteger splitmix64(BigInteger z) {
        z = z.xor(z.shiftRight(30)).multiply(new BigInteger("bf58476d1ce4e5b9", 16)).and(MASK);
        z = z.xor(z.shiftRight(27)).multiply(new BigInteger("94d049bb133111eb", 16)).and(MASK);
        return z.xor(z.shiftRight(31));
    }

    static BigInteger score(String key, BigInteger shardId) {
        BigInteger gamma = new BigInteger("9e3779b97f4a7c15", 16);
        BigInteger sum = fnv1a64(key.getBytes(StandardCharsets.UTF_8)).add(shardId.multiply(gamma)).and(MASK);
        return splitmix64(sum);
    }

    /** Highest score wins; ties to the lower id. */
    static BigInteger route(String key, BigInteger[] shardIds) {
        BigInteger best = null;
        BigInteger bestScore = null;
        for (BigInteger id : shardIds) {
            BigInteger s = score(key, id);
            if (best == null || s.compareTo(bestScore) > 0 || (s.equals(bestScore) && id.compareTo(best) < 0)) {
                best = id;
                bestScore = s;
            }
        }
        return best;
    }

    static int jump(BigInteger key, int buckets) {
        BigInteger multiplier = new BigInteger("2862933555777941757");
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key.multiply(multiplier).add(BigInteger.ONE).and(MASK);
            double denominator = key.shiftRight(33).add(BigInteger.ONE).doubleValue();
            j = (long) Math.floor((b + 1) * (2147483648.0 / denominator));
        }
        return (int) b;
    }
}
