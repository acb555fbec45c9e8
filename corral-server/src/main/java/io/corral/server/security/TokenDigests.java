package io.corral.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks a presented token against a stored hash ({@link Tokens#hash}) like {@link Tokens#matches},
 * but remembers the SHA-256 of tokens that matched, so a credential used again and again (a node's
 * heartbeats) is not hashed on every request. It only saves the hash computation: every call still
 * compares, in constant time, against the stored hash the caller passes in (read from the current
 * image), so a revoked key or a removed node is refused as soon as the image says so, and a changed
 * token (a node registered again) no longer matches. The memo is keyed by the token's non-secret
 * part ({@code crn_<nodeId>} or {@code crl_<keyId>}) and holds the whole token, compared in constant
 * time, so a different token with the same id is hashed afresh. Only tokens that matched are kept,
 * at most {@link #MAX_ENTRIES} (when full, the memo starts over). Safe for concurrent use.
 */
final class TokenDigests {
    static final int MAX_ENTRIES = 65_536;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private record Entry(byte[] token, byte[] digest) {
    }

    private final ConcurrentHashMap<String, Entry> byCredential = new ConcurrentHashMap<>();
    /** How many tokens were hashed (memo misses), for tests. */
    private final LongAdder hashed = new LongAdder();

    /**
     * Whether {@code token} hashes to {@code storedHash} (lower-case hex SHA-256); {@code credential}
     * is the token's non-secret part, which names the credential it claims to be.
     */
    boolean matches(String token, String credential, String storedHash) {
        return matches(token.getBytes(StandardCharsets.UTF_8), credential, storedHash);
    }

    /** {@link #matches(String, String, String)} for the token's UTF-8 bytes. */
    boolean matches(byte[] tokenBytes, String credential, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        Entry e = byCredential.get(credential);
        byte[] digest;
        if (e != null && MessageDigest.isEqual(e.token(), tokenBytes)) {
            digest = e.digest();
        } else {
            hashed.increment();
            digest = Tokens.sha256(tokenBytes);
        }
        boolean ok = equalsHex(digest, storedHash);
        if (ok && (e == null || e.digest() != digest)) {
            if (byCredential.size() >= MAX_ENTRIES) {
                byCredential.clear();
            }
            byCredential.put(credential, new Entry(tokenBytes, digest));
        }
        return ok;
    }

    /** Whether {@code hex} is the lower-case hex of {@code digest}; constant time for a hash of the right length. */
    static boolean equalsHex(byte[] digest, String hex) {
        if (hex.length() != digest.length * 2) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < digest.length; i++) {
            int b = digest[i] & 0xff;
            diff |= hex.charAt(2 * i) ^ HEX[b >>> 4];
            diff |= hex.charAt(2 * i + 1) ^ HEX[b & 0xf];
        }
        return diff == 0;
    }

    /** How many times a token was hashed because the memo did not have it. */
    long hashedCount() {
        return hashed.sum();
    }

    /** How many tokens are remembered. */
    int size() {
        return byCredential.size();
    }
}
