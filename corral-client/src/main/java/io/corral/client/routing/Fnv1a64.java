package io.corral.client.routing;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit FNV-1a hash (Fowler–Noll–Vo), as specified in {@code docs/routing.md}: start from the
 * offset basis {@code 0xcbf29ce484222325}; for every byte, XOR it (as an unsigned value 0..255) into the
 * hash, then multiply by the prime {@code 0x100000001b3} modulo 2<sup>64</sup>. Results are 64-bit
 * values held in a {@code long}; read them as unsigned.
 *
 * <p>Pure and thread-safe; strings are hashed over their UTF-8 bytes.
 */
public final class Fnv1a64 {
    /** The FNV-1a 64-bit offset basis: the hash of no bytes. */
    public static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    /** The FNV 64-bit prime. */
    public static final long PRIME = 0x100000001b3L;

    private Fnv1a64() {
    }

    /** The hash of {@code bytes}. */
    public static long hash(byte[] bytes) {
        return update(OFFSET_BASIS, bytes, 0, bytes.length);
    }

    /** The hash of the UTF-8 encoding of {@code text}. */
    public static long hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Continues a hash over {@code length} bytes of {@code bytes} from {@code offset}: feeding a message in
     * pieces gives the same result as hashing it whole.
     */
    public static long update(long hash, byte[] bytes, int offset, int length) {
        long h = hash;
        for (int i = offset; i < offset + length; i++) {
            h = update(h, bytes[i]);
        }
        return h;
    }

    /** Continues a hash over one byte. */
    public static long update(long hash, byte b) {
        return (hash ^ (b & 0xffL)) * PRIME;
    }
}
