package io.corral.server.records;

import io.corral.server.domain.Webhook;

/** A webhook subscription was created. */
public record WebhookCreated(Webhook webhook, long atMs, String actor) implements TelemetryRecord {
}
