package io.corral.server.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.domain.Workspace;
import io.corral.server.storage.ImageSnapshotCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryReplayTest {
    private static final long T0 = 1_700_000_000_000L;

    private static ClusterImage withNode() {
        return Replayer.apply(ClusterImage.empty(), new NodeRegistered(EventJournalTest.node("a", 1), T0, "key:k"));
    }

    private static ClusterImage withWebhook(ClusterImage img, String... types) {
        Webhook w = new Webhook("wh1", Workspace.DEFAULT, "http://127.0.0.1:9/hook", List.of(types),
                "0123456789abcdef", T0, "key:k");
        return Replayer.apply(img, new WebhookCreated(w, T0, "key:k"));
    }

    @Test
    void telemetryRecordsSurviveTheLogCodec() {
        List<Record> records = List.of(
                new ResourceThresholdsSet("default", new ResourceThresholds(80.0, null, 95.0, 5), T0, "key:k"),
                new ResourceThresholdCrossed("a", "cpu", true, 91.5, 80, T0, "system:threshold-watcher"),
                new WebhookCreated(new Webhook("wh1", "default", "http://x:1/h", List.of("node.*"), "s".repeat(16), T0,
                        "key:k"), T0, "key:k"),
                new WebhookAttempted(3, 1, 500, "HTTP 500", false, T0 + 1_000, T0, "system:webhooks"),
                new WebhookDeleted("wh1", T0, "key:k"));
        assertThat(RecordCodec.decodeBatch(RecordCodec.encodeBatch(records))).isEqualTo(records);
    }

    @Test
    void breachesAreRecordedOncePerCrossingAndDroppedWithTheNode() {
        ClusterImage img = withNode();
        img = Replayer.apply(img, new ResourceThresholdCrossed("a", "cpu", true, 95, 90, T0 + 1, "system:t"));
        ClusterImage again = Replayer.apply(img, new ResourceThresholdCrossed("a", "cpu", true, 97, 90, T0 + 2, "s:t"));
        assertThat(again).isEqualTo(img);
        assertThat(img.telemetry().breached("a", "cpu")).isTrue();
        Event e = img.events().get(img.events().lastKey());
        assertThat(e.reason()).isEqualTo("node.resource_threshold_exceeded");
        assertThat(e.type()).isEqualTo(Event.WARNING);
        img = Replayer.apply(img, new NodeRemoved("a", "gone", T0 + 3, "key:k"));
        assertThat(img.telemetry().breaches()).isEmpty();
    }

    @Test
    void matchingEventsBecomePendingDeliveriesAndAttemptsMoveThemToTheLog() {
        ClusterImage img = withWebhook(withNode(), "node.health_check_failed", "node.deleted");
        img = Replayer.apply(img, new NodeStatusChanged("a", io.corral.server.domain.Lifecycle.INACTIVE,
                io.corral.server.domain.Lifecycle.ACTIVE, "silent", T0 + 10, "system:fd"));
        img = Replayer.apply(img, new NodeStatusChanged("a", io.corral.server.domain.Lifecycle.ACTIVE, null,
                "back", T0 + 20, "system:fd"));
        assertThat(img.telemetry().pendingDeliveries()).hasSize(1);
        WebhookDelivery d = img.telemetry().pendingDeliveries().values().iterator().next();
        assertThat(d.event().reason()).isEqualTo("node.health_check_failed");

        ClusterImage failedOnce = Replayer.apply(img, new WebhookAttempted(d.id(), 1, 503, "HTTP 503", false,
                T0 + 2_000, T0 + 1_000, "system:webhooks"));
        assertThat(failedOnce.telemetry().pendingDeliveries().get(d.id()).attempts()).isEqualTo(1);
        ClusterImage stale = Replayer.apply(failedOnce, new WebhookAttempted(d.id(), 1, 200, null, true, 0, T0 + 1_500,
                "system:webhooks"));
        assertThat(stale).isEqualTo(failedOnce);
        ClusterImage delivered = Replayer.apply(failedOnce, new WebhookAttempted(d.id(), 2, 204, null, true, 0,
                T0 + 2_500, "system:webhooks"));
        assertThat(delivered.telemetry().pendingDeliveries()).isEmpty();
        WebhookDelivery logged = delivered.telemetry().deliveryLog().get(d.id());
        assertThat(logged.status()).isEqualTo(WebhookDelivery.DELIVERED);
        assertThat(logged.attempts()).isEqualTo(2);
        assertThat(logged.lastStatusCode()).isEqualTo(204);

        ClusterImage gaveUp = Replayer.apply(failedOnce, new WebhookAttempted(d.id(), 2, 0, "connection refused", false,
                0, T0 + 2_500, "system:webhooks"));
        assertThat(gaveUp.telemetry().deliveryLog().get(d.id()).status()).isEqualTo(WebhookDelivery.FAILED);
        Event last = gaveUp.events().get(gaveUp.events().lastKey());
        assertThat(last.reason()).isEqualTo("webhook.delivery_failed");
        assertThat(gaveUp.telemetry().pendingDeliveries()).isEmpty(); // webhook.* events are never delivered
    }

    @Test
    void deletingAWebhookDropsItsPendingDeliveries() {
        ClusterImage img = withWebhook(withNode(), "*");
        img = Replayer.apply(img, new NodeRemoved("a", null, T0 + 5, "key:k"));
        assertThat(img.telemetry().pendingDeliveries()).hasSize(1);
        img = Replayer.apply(img, new WebhookDeleted("wh1", T0 + 6, "key:k"));
        assertThat(img.telemetry().pendingDeliveries()).isEmpty();
        assertThat(img.telemetry().webhooks()).isEmpty();
    }

    @Test
    void snapshotsKeepTelemetry() throws Exception {
        ClusterImage img = withWebhook(withNode(), "node.*");
        img = Replayer.apply(img, new ResourceThresholdsSet("default", new ResourceThresholds(70.0, 80.0, null, 3), T0,
                "key:k"));
        img = Replayer.apply(img, new ResourceThresholdCrossed("a", "memory", true, 85, 80, T0 + 1, "system:t"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSnapshotCodec.write(img, out);
        ClusterImage back = ImageSnapshotCodec.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back).isEqualTo(img);
        assertThat(back.telemetry().thresholdsOf("default").diskPercent()).isNull();
        assertThat(back.telemetry().pendingDeliveries()).hasSize(1);
    }

    @Test
    void webhookTypesMatchExactlyByPrefixOrAll() {
        Webhook w = new Webhook("w", "default", "http://h/x", List.of("node.deleted", "shard.*"), "s", T0, "k");
        assertThat(w.wants("node.deleted")).isTrue();
        assertThat(w.wants("node.registered")).isFalse();
        assertThat(w.wants("shard.moved")).isTrue();
        assertThat(new Webhook("w", "d", "u", List.of("*"), "s", T0, "k").wants("webhook.created")).isFalse();
    }
}
