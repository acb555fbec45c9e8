package io.corral.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateWebhook;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.RegisterNode;
import io.corral.server.controller.Controller;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.storage.InMemoryLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against a real local receiver, with a fake clock driving the retry schedule. */
class WebhookDispatcherTest {
    private final FakeClock clock = new FakeClock();
    private Controller controller;
    private InMemoryLog log;

    @BeforeEach
    void start() {
        log = new InMemoryLog();
        controller = new Controller(log, clock, n -> { });
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    private void subscribeAndRemoveANode(String url) throws Exception {
        controller.submit("key:k", new CreateWebhook("wh1", "default", url, List.of("node.deleted"),
                "0123456789abcdef0123")).get(5, TimeUnit.SECONDS);
        controller.submit("key:k", new RegisterNode(new NodeSpec("n1", "default", null, null, null, null, null, null,
                null, 1.0, null, Map.of(), null, null, null, true), "secret", false)).get(5, TimeUnit.SECONDS);
        controller.submit("key:k", new RemoveNode("default", "n1", "test")).get(5, TimeUnit.SECONDS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private WebhookDelivery only() {
        var pending = controller.image().telemetry().pendingDeliveries().values();
        var done = controller.image().telemetry().deliveryLog().values();
        return pending.isEmpty() ? done.iterator().next() : pending.iterator().next();
    }

    @Test
    void retriesOnTheBackoffScheduleUntilDelivered() throws Exception {
        try (Receiver receiver = Receiver.start(0, 2);
             WebhookDispatcher d = new WebhookDispatcher(controller, () -> true, clock, new RetryPolicy(5, 1_000, 60_000))) {
            subscribeAndRemoveANode(receiver.url());
            d.tick();
            await("first attempt recorded", () -> only().attempts() == 1 && d.inFlight() == 0);
            assertThat(only().lastStatusCode()).isEqualTo(500);
            assertThat(only().nextAttemptAtMs()).isEqualTo(clock.now + 1_000);

            d.tick(); // not due yet: nothing is sent
            assertThat(receiver.requests).hasSize(1);
            clock.now += 1_000;
            d.tick();
            await("second attempt recorded", () -> only().attempts() == 2 && d.inFlight() == 0);
            assertThat(only().nextAttemptAtMs()).isEqualTo(clock.now + 2_000);
            clock.now += 2_000;
            d.tick();
            await("delivered", () -> WebhookDelivery.DELIVERED.equals(only().status()));
            assertThat(only().attempts()).isEqualTo(3);
            assertThat(receiver.requests).hasSize(3);
            assertThat(receiver.requests).extracting(r -> r.header("X-Corral-Delivery")).containsOnly(
                    Long.toString(only().id()));
            assertThat(receiver.requests).extracting(r -> new String(r.body())).containsOnly(
                    new String(receiver.requests.get(0).body()));
        }
    }

    @Test
    void givesUpAfterTheLimitAndRaisesAWarning() throws Exception {
        try (Receiver receiver = Receiver.start(0, 100);
             WebhookDispatcher d = new WebhookDispatcher(controller, () -> true, clock, new RetryPolicy(2, 500, 500))) {
            subscribeAndRemoveANode(receiver.url());
            d.tick();
            await("first attempt", () -> only().attempts() == 1 && d.inFlight() == 0);
            clock.now += 500;
            d.tick();
            await("failed", () -> WebhookDelivery.FAILED.equals(only().status()));
            assertThat(controller.image().telemetry().pendingDeliveries()).isEmpty();
            var last = controller.image().events().get(controller.image().events().lastKey());
            assertThat(last.reason()).isEqualTo("webhook.delivery_failed");
            assertThat(last.type()).isEqualTo("Warning");
            clock.now += 10_000;
            d.tick();
            assertThat(receiver.requests).hasSize(2);
        }
    }

    @Test
    void aFollowerDoesNotDispatch() throws Exception {
        try (Receiver receiver = Receiver.start(0, 0);
             WebhookDispatcher d = new WebhookDispatcher(controller, () -> false, clock, RetryPolicy.DEFAULT)) {
            subscribeAndRemoveANode(receiver.url());
            d.tick();
            assertThat(d.inFlight()).isZero();
            assertThat(receiver.requests).isEmpty();
        }
    }

    @Test
    void retryPolicyDoublesUpToTheCapAndStopsAtTheLimit() {
        RetryPolicy p = new RetryPolicy(4, 1_000, 3_000);
        assertThat(p.nextAttemptAtMs(1, 0)).isEqualTo(1_000);
        assertThat(p.nextAttemptAtMs(2, 0)).isEqualTo(2_000);
        assertThat(p.nextAttemptAtMs(3, 0)).isEqualTo(3_000);
        assertThat(p.nextAttemptAtMs(4, 0)).isZero();
    }

    @Test
    void signaturesVerifyAndRejectTamperingAndOldTimestamps() {
        byte[] body = "{\"a\":1}".getBytes();
        String h = WebhookSigner.header("s3cret-s3cret-s3", 1_700_000_000L, body);
        assertThat(WebhookSigner.verify("s3cret-s3cret-s3", h, body, 1_700_000_010L, 300)).isTrue();
        assertThat(WebhookSigner.verify("s3cret-s3cret-s3", h, "{\"a\":2}".getBytes(), 1_700_000_010L, 300)).isFalse();
        assertThat(WebhookSigner.verify("another-secret!!", h, body, 1_700_000_010L, 300)).isFalse();
        assertThat(WebhookSigner.verify("s3cret-s3cret-s3", h, body, 1_700_001_000L, 300)).isFalse();
    }

    static final class FakeClock extends Clock {
        long now = 1_700_000_000_000L;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
