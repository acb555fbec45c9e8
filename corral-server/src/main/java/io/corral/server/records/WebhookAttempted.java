package io.corral.server.records;

/**
 * One attempt to deliver a pending delivery ended.
 *
 * @param attempt         which attempt this was (1 for the first); an outcome for any other attempt is stale
 *                        and ignored, so a late or repeated report cannot count twice
 * @param statusCode      the HTTP status the receiver answered, 0 when there was no answer
 * @param error           why it failed, or null
 * @param delivered       whether the receiver accepted it (2xx)
 * @param nextAttemptAtMs when to try again; 0 gives up (the delivery fails)
 */
public record WebhookAttempted(long deliveryId, int attempt, int statusCode, String error, boolean delivered,
                               long nextAttemptAtMs, long atMs, String actor) implements TelemetryRecord {
}
