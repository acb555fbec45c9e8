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
 * and {@link VerifiedTokens} for keys and {@link NodeMemo} for node tokens repeat a verdict only for the
 * very image it was reached in, so a revoked key or removed node is refused as soon as the image that
 * says so is published). With {@code insecure} every request, with or without a token, is the
 * insecure principal.
 */
public final class Authenticator {
    private final Supplier<ClusterImage> image;
    private final boolean insecure;
    private final TokenDigests digests = new TokenDigests();
    private final VerifiedTokens verifiedKeys = new VerifiedTokens();
    private final NodeMemo nodes;

    public Authenticator(Supplier<ClusterImage> image, boolean insecure) {
        this(image, insecure, new NodeMemo());
    }

    /** Checks node tokens through {@code nodes}, the memo the node service reads its nodes from. */
    public Authenticator(Supplier<ClusterImage> image, boolean insecure, NodeMemo nodes) {
        this.image = image;
        this.insecure = insecure;
        this.nodes = nodes;
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
        byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        return parsed.prefix().equals(Tokens.KEY_PREFIX) ? resolveKey(img, token, parsed.id(), tokenBytes)
                : resolveNode(img, token, parsed.id(), tokenBytes);
    }

    private Principal resolveKey(ClusterImage img, String token, String keyId, byte[] tokenBytes) {
        String credential = credential(token, Tokens.KEY_PREFIX, keyId);
        Principal known = verifiedKeys.principal(credential, tokenBytes, img);
        if (known != null) {
            return known;
        }
        ApiKey key = img.apiKeys().get(keyId);
        Principal p = key != null && digests.matches(tokenBytes, credential, key.tokenHash())
                ? Principal.key(key.id(), key.role(), key.workspaces()) : null;
        if (p != null) {
            verifiedKeys.verified(credential, tokenBytes, img, p);
        }
        return p;
    }

    private Principal resolveNode(ClusterImage img, String token, String nodeId, byte[] tokenBytes) {
        Principal known = nodes.verified(img, nodeId, tokenBytes);
        if (known != null) {
            return known;
        }
        Node node = nodes.node(img, nodeId);
        if (node == null || !digests.matches(tokenBytes, credential(token, Tokens.NODE_PREFIX, nodeId),
                node.tokenHash())) {
            return null;
        }
        Principal p = Principal.node(node.id(), node.workspace());
        nodes.verified(img, node, tokenBytes, p);
        return p;
    }

    /** The part of a token before its secret: {@code crl_<keyId>} or {@code crn_<nodeId>}. */
    private static String credential(String token, String prefix, String id) {
        return token.substring(0, prefix.length() + id.length());
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
