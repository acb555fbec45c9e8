package io.corral.server.webhooks;

/**
 * When to try a failed delivery again: after attempt {@code n} fails, wait
 * {@code initialDelayMs * 2^(n-1)}, at most {@code maxDelayMs}; after {@code maxAttempts} attempts give
 * up. Pure.
 */
public record RetryPolicy(int maxAttempts, long initialDelayMs, long maxDelayMs) {
    /** 8 attempts over about 4 minutes: 1 s, 2 s, 4 s … 64 s apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, 1_000, 300_000);

    public RetryPolicy {
        if (maxAttempts < 1 || initialDelayMs <= 0 || maxDelayMs < initialDelayMs) {
            throw new IllegalArgumentException("need maxAttempts >= 1 and 0 < initialDelayMs <= maxDelayMs");
        }
    }

    /** When to make the next attempt after {@code attemptsMade} failed at {@code nowMs}; 0 means give up. */
    public long nextAttemptAtMs(int attemptsMade, long nowMs) {
        if (attemptsMade >= maxAttempts) {
            return 0;
        }
        int shift = Math.min(Math.max(attemptsMade, 1) - 1, 30);
        return nowMs + Math.min(maxDelayMs, initialDelayMs << shift);
    }
}
