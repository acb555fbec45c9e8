package io.corral.server.security;

import io.corral.server.domain.ApiKey;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Node;
import java.util.function.Supplier;

/**
 * Turns a bearer token into a {@link Principal} against the current image: API keys by id, node
 * tokens by node id, each checked against the hash stored in that image in constant time (as
 * {@link Tokens#matches} does; {@link TokenDigests} only spares re-hashing a token that matched before,
 * so a revoked key or removed node is refused at once). With
 * {@code insecure} every request, with or without a token, is the insecure principal.
 */
public final class Authenticator {
    private final Supplier<ClusterImage> image;
    private final boolean insecure;
    private final TokenDigests digests = new TokenDigests();

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
        if (parsed.prefix().equals(Tokens.KEY_PREFIX)) {
            ApiKey key = img.apiKeys().get(parsed.id());
            return key != null && digests.matches(token, credential, key.tokenHash())
                    ? Principal.key(key.id(), key.role(), key.workspaces()) : null;
        }
        Node node = img.nodes().get(parsed.id());
        return node != null && digests.matches(token, credential, node.tokenHash())
                ? Principal.node(node.id(), node.workspace()) : null;
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
