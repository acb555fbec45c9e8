package io.corral.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a bearer key may switch this node's serving mode, by asking the coordinator who the
 * key is ({@code GET /api/v1/whoami}): an API key with the operator or admin role in the node's
 * workspace (or the coordinator's insecure mode) may; an unknown key is {@link Verdict#UNAUTHORIZED};
 * any other key is {@link Verdict#FORBIDDEN}. Answers are cached for {@link #CACHE_TTL_MS} by the key's
 * SHA-256 (the key itself is never stored), at most {@link #CACHE_MAX_ENTRIES} of them; when the
 * coordinator cannot be reached and nothing is cached the answer is {@link Verdict#UNAVAILABLE}.
 */
public final class KeyCheck {
    public static final long CACHE_TTL_MS = 60_000;
    public static final int CACHE_MAX_ENTRIES = 1_024;

    /** The outcome of a check. */
    public enum Verdict { ALLOWED, UNAUTHORIZED, FORBIDDEN, UNAVAILABLE }

    private record Cached(Verdict verdict, long expiresAtMs) {
    }

    private final CoordinatorClient coordinator;
    private final String workspace;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public KeyCheck(CoordinatorClient coordinator, String workspace, Clock clock) {
        this.coordinator = coordinator;
        this.workspace = workspace;
        this.clock = clock;
    }

    /** Checks the value of an {@code Authorization} header (null when absent). */
    public Verdict check(String authorizationHeader) {
        String token = bearer(authorizationHeader);
        if (token == null) {
            return Verdict.UNAUTHORIZED;
        }
        String key = sha256(token);
        long now = clock.millis();
        Cached c = cache.get(key);
        if (c != null && c.expiresAtMs() > now) {
            return c.verdict();
        }
        Verdict v;
        try {
            CoordinatorClient.Caller caller = coordinator.whoami(token);
            boolean roleOk = "operator".equals(caller.role()) || "admin".equals(caller.role());
            boolean scopeOk = caller.workspaces().contains("*") || caller.workspaces().contains(workspace);
            v = caller.kind().equals("insecure") || (caller.kind().equals("key") && roleOk && scopeOk)
                    ? Verdict.ALLOWED : Verdict.FORBIDDEN;
        } catch (CoordinatorException e) {
            if (e.status() == 401) {
                v = Verdict.UNAUTHORIZED;
            } else if (e.status() == 403) {
                v = Verdict.FORBIDDEN;
            } else {
                return c != null ? c.verdict() : Verdict.UNAVAILABLE;
            }
        }
        if (cache.size() >= CACHE_MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Cached(v, now + CACHE_TTL_MS));
        return v;
    }

    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
