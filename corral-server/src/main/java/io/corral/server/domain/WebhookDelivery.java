package io.corral.server.domain;

/**
 * One event on its way to one webhook, part of the replicated state so a pending delivery survives a
 * restart or a change of leader (delivery is at least once: an attempt whose outcome was not yet
 * recorded is made again). {@code status} is {@code pending} until an attempt succeeds
 * ({@code delivered}), the retry limit is reached ({@code failed}), or the backlog bound drops it
 * ({@code dropped}).
 *
 * @param id              never reused; also sent as the {@code X-Corral-Delivery} header
 * @param attempts        attempts made so far
 * @param nextAttemptAtMs when the next attempt is due (pending only)
 * @param lastStatusCode  HTTP status of the last attempt, 0 when it got no response
 * @param lastError       why the last attempt failed, or null
 */
public record WebhookDelivery(long id, String webhookId, String workspace, Event event, String status, int attempts,
                              long nextAttemptAtMs, int lastStatusCode, String lastError, long lastAttemptAtMs,
                              long createdAtMs) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String DROPPED = "dropped";

    public WebhookDelivery attempted(String newStatus, int statusCode, String error, long atMs, long nextAtMs) {
        return new WebhookDelivery(id, webhookId, workspace, event, newStatus, attempts + 1, nextAtMs, statusCode,
                error, atMs, createdAtMs);
    }

    public WebhookDelivery withStatus(String newStatus) {
        return new WebhookDelivery(id, webhookId, workspace, event, newStatus, attempts, nextAttemptAtMs,
                lastStatusCode, lastError, lastAttemptAtMs, createdAtMs);
    }
}
