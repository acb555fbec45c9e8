package io.corral.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secret tokens. An API key token is {@code crl_<keyId>.<secret>}, a node token
 * {@code crn_<nodeId>.<secret>}, where the secret is 32 random bytes in unpadded base64url. Only
 * {@link #hash} of a token is ever stored; {@link #matches} compares in constant time.
 */
public final class Tokens {
    public static final String KEY_PREFIX = "crl_";
    public static final String NODE_PREFIX = "crn_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A parsed token: its kind prefix and the id it names. */
    public record Parsed(String prefix, String id) {
    }

    private Tokens() {
    }

    public static String newKeyToken(String keyId) {
        return KEY_PREFIX + keyId + "." + secret();
    }

    /** The node token made of a node id and a secret from {@link #newSecret()}. */
    public static String nodeToken(String nodeId, String secret) {
        return NODE_PREFIX + nodeId + "." + secret;
    }

    /** A short random id such as {@code k3f9a1c0d2b4e}. */
    public static String newKeyId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "k" + HEX.formatHex(b);
    }

    /** 32 random bytes in unpadded base64url. */
    public static String newSecret() {
        return secret();
    }

    private static String secret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of the token, in lower-case hex. Tokens carry 256 random bits, so a fast hash suffices. */
    public static String hash(String token) {
        return HEX.formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether {@code token} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String token, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Splits a token into its prefix and id, or returns null when it has neither form. */
    public static Parsed parse(String token) {
        if (token == null || token.length() > 512) {
            return null;
        }
        String prefix = token.startsWith(KEY_PREFIX) ? KEY_PREFIX : token.startsWith(NODE_PREFIX) ? NODE_PREFIX : null;
        int dot = token.lastIndexOf('.');
        if (prefix == null || dot <= prefix.length()) {
            return null;
        }
        return new Parsed(prefix, token.substring(prefix.length(), dot));
    }
}
