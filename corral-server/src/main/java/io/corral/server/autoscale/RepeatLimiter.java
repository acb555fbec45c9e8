package io.corral.server.autoscale;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the same notice through at most once per {@code repeatMs}: the autoscaler records a refusal such
 * as "the standby pool is empty" when it first happens and then only every {@code repeatMs} while it
 * lasts, rather than at every evaluation. Soft state; time is passed in. Thread-safe.
 */
final class RepeatLimiter {
    private final long repeatMs;
    private final Map<String, Long> lastAllowedAtMs = new ConcurrentHashMap<>();

    RepeatLimiter(long repeatMs) {
        this.repeatMs = repeatMs;
    }

    /** Whether the notice {@code key} may go out at {@code nowMs}; if so, remembers that it did. */
    boolean allow(String key, long nowMs) {
        Long last = lastAllowedAtMs.get(key);
        if (last != null && nowMs - last < repeatMs) {
            return false;
        }
        lastAllowedAtMs.put(key, nowMs);
        return true;
    }

    /** Forgets the notices whose key starts with {@code prefix} (e.g. a workspace that acted or was deleted). */
    void forget(String prefix) {
        lastAllowedAtMs.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
