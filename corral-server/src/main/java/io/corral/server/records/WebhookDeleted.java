package io.corral.server.records;

/** A webhook subscription was deleted; its pending deliveries are dropped. */
public record WebhookDeleted(String webhookId, long atMs, String actor) implements TelemetryRecord {
}
