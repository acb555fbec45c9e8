package io.corral.server.records;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * The records of telemetry: resource thresholds and their breaches, webhook subscriptions and delivery
 * attempts. Replayed by {@link TelemetryReplay}; like every record they carry their own time and actor.
 */
@JsonSubTypes({
        @JsonSubTypes.Type(value = ResourceThresholdsSet.class, name = "ResourceThresholdsSet"),
        @JsonSubTypes.Type(value = ResourceThresholdCrossed.class, name = "ResourceThresholdCrossed"),
        @JsonSubTypes.Type(value = WebhookCreated.class, name = "WebhookCreated"),
        @JsonSubTypes.Type(value = WebhookDeleted.class, name = "WebhookDeleted"),
        @JsonSubTypes.Type(value = WebhookAttempted.class, name = "WebhookAttempted"),
})
public sealed interface TelemetryRecord extends Record permits ResourceThresholdsSet, ResourceThresholdCrossed,
        WebhookCreated, WebhookDeleted, WebhookAttempted {
}
