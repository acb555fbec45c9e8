package io.corral.server.security;

import io.corral.server.domain.ClusterImage;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per API key credential ({@code crl_<keyId>}; node tokens are {@link NodeMemo}'s), the
 * last token that was verified against an image and the principal it resolved to there.
 * {@link #principal} answers only for an image of the very same applied log index and the very same
 * token (compared in constant time): authentication is a function of the token and the image, and an
 * applied index names exactly one state (images change only by replaying the log), so the answer is
 * exactly the one a full check would give. Any write (a revocation, a removal, a re-registration,
 * anything else) moves the index and makes every entry stale until it is verified again. Entries keep
 * the index, not the image, so they never hold an old image in memory. At most {@link #MAX_ENTRIES}
 * entries (when full, the memo starts over). Safe for concurrent use.
 */
final class VerifiedTokens {
    static final int MAX_ENTRIES = 65_536;

    private record Entry(long appliedIndex, byte[] token, Principal principal) {
    }

    private final ConcurrentHashMap<String, Entry> byCredential = new ConcurrentHashMap<>();

    /** The principal {@code token} was verified as in {@code image}, or null when that is not known. */
    Principal principal(String credential, byte[] token, ClusterImage image) {
        Entry e = byCredential.get(credential);
        return e != null && e.appliedIndex() == image.appliedIndex() && MessageDigest.isEqual(e.token(), token)
                ? e.principal() : null;
    }

    /** Records that {@code token} was verified as {@code principal} in {@code image}. */
    void verified(String credential, byte[] token, ClusterImage image, Principal principal) {
        if (byCredential.size() >= MAX_ENTRIES) {
            byCredential.clear();
        }
        byCredential.put(credential, new Entry(image.appliedIndex(), token, principal));
    }
}
