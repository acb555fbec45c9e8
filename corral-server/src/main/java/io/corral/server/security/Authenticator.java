package io.corral.server.security;

import io.corral.server.domain.ApiKey;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Node;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Turns a bearer token into a {@link Principal} against the current image: API keys by id, node
 * tokens by node id, each checked against the hash stored in that image in constant time (as
 * {@link Tokens#matches} does; {@link TokenDigests} only spares re-hashing a token that matched before,
 * and {@link VerifiedTokens} repeats a verdict only for the very image it was reached in, so a revoked
 * key or removed node is refused as soon as the image that says so is published). With
 * {@code insecure} every request, with or without a token, is the insecure principal.
 */
public final class Authenticator {
    private final Supplier<ClusterImage> image;
    private final boolean insecure;
    private final TokenDigests digests = new TokenDigests();
    private final VerifiedTokens verified = new VerifiedTokens();

    public Authenticator(Supplier<ClusterImage> image, boolean insecure) {
        this.image = image;
        this.insecure = insecure;
    }

    public boolean insecure() {
        return insecure;
    }

    /** Authenticates the value of an {@code Authorization} header (or null). Throws 401 when it fails. */
    public Principal authenticate(String authorizationHeader) {
        if (insecure) {
            return Principal.insecure();
        }
        String token = bearer(authorizationHeader);
        if (token == null) {
            throw new CorralException(ErrorCode.UNAUTHORIZED,
                    "missing API key: send 'Authorization: Bearer <token>'");
        }
        Principal p = resolve(token);
        if (p == null) {
            throw new CorralException(ErrorCode.UNAUTHORIZED, "invalid or revoked API key");
        }
        return p;
    }

    /** Resolves a raw token, or returns null when it is not valid. */
    public Principal resolve(String token) {
        Tokens.Parsed parsed = Tokens.parse(token);
        if (parsed == null) {
            return null;
        }
        ClusterImage img = image.get();
        String credential = token.substring(0, parsed.prefix().length() + parsed.id().length());
        byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        Principal known = verified.principal(credential, tokenBytes, img);
        if (known != null) {
            return known;
        }
        Principal p;
        if (parsed.prefix().equals(Tokens.KEY_PREFIX)) {
            ApiKey key = img.apiKeys().get(parsed.id());
            p = key != null && digests.matches(tokenBytes, credential, key.tokenHash())
                    ? Principal.key(key.id(), key.role(), key.workspaces()) : null;
        } else {
            Node node = img.nodes().get(parsed.id());
            p = node != null && digests.matches(tokenBytes, credential, node.tokenHash())
                    ? Principal.node(node.id(), node.workspace()) : null;
        }
        if (p != null) {
            verified.verified(credential, tokenBytes, img, p);
        }
        return p;
    }

    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String t = h.substring(7).trim();
            return t.isEmpty() ? null : t;
        }
        return null;
    }
}
