package io.corral.server.webhooks;

import io.corral.server.commands.RecordWebhookAttempt;
import io.corral.server.controller.Controller;
import io.corral.server.domain.TelemetryImage;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.security.Principal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pending webhook deliveries from the replicated state. {@link #tick} (run every
 * {@link #TICK_MS} by the server) starts an attempt for every due delivery not already in flight, at
 * most {@link #MAX_IN_FLIGHT} at once, with a non-blocking HTTP client on its own threads, so neither
 * the controller nor an event loop ever waits for a receiver. Each outcome is written back as a
 * {@link RecordWebhookAttempt} with the next attempt time from the {@link RetryPolicy}.
 *
 * <p>Delivery is at least once: an attempt whose outcome is not yet committed when the leader stops is
 * made again by the next leader (the {@code X-Corral-Delivery} header lets receivers drop duplicates).
 * Only the leader dispatches. Time comes from the injected clock.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    public static final long TICK_MS = 200;
    public static final int MAX_IN_FLIGHT = 32;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String ACTOR = Principal.system("webhooks").actor();

    private final Controller controller;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final RetryPolicy retry;
    private final ExecutorService io;
    private final HttpClient http;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public WebhookDispatcher(Controller controller, BooleanSupplier leader, Clock clock, RetryPolicy retry) {
        this.controller = controller;
        this.leader = leader;
        this.clock = clock;
        this.retry = retry;
        this.io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "corral-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts attempts for due deliveries; returns at once. */
    public void tick() {
        if (!leader.getAsBoolean()) {
            return;
        }
        long now = clock.millis();
        TelemetryImage t = controller.image().telemetry();
        for (WebhookDelivery d : t.pendingDeliveries().values()) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                return;
            }
            Webhook w = t.webhooks().get(d.webhookId());
            if (w != null && d.nextAttemptAtMs() <= now && inFlight.add(d.id())) {
                attempt(w, d);
            }
        }
    }

    /** Deliveries with an attempt under way. */
    public int inFlight() {
        return inFlight.size();
    }

    private void attempt(Webhook w, WebhookDelivery d) {
        int attempt = d.attempts() + 1;
        byte[] body = WebhookPayload.body(d);
        long sentAtMs = clock.millis();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(w.url())).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "corral-webhooks")
                    .header("X-Corral-Event", d.event().reason())
                    .header("X-Corral-Delivery", Long.toString(d.id()))
                    .header("X-Corral-Attempt", Integer.toString(attempt))
                    .header(WebhookSigner.HEADER, WebhookSigner.header(w.secret(), sentAtMs / 1000, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            record(d, attempt, 0, "invalid URL: " + e.getMessage());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                record(d, attempt, 0, cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            } else if (response.statusCode() / 100 == 2) {
                record(d, attempt, response.statusCode(), null);
            } else {
                record(d, attempt, response.statusCode(), "HTTP " + response.statusCode());
            }
        });
    }

    private void record(WebhookDelivery d, int attempt, int status, String error) {
        boolean delivered = error == null;
        long next = delivered ? 0 : retry.nextAttemptAtMs(attempt, clock.millis());
        if (!delivered) {
            LOG.info("delivery {} of {} to webhook {} failed (attempt {}): {}{}", d.id(), d.event().reason(),
                    d.webhookId(), attempt, error, next == 0 ? "; giving up" : "");
        }
        controller.submit(ACTOR, new RecordWebhookAttempt(d.id(), attempt, status, error, delivered, next))
                .whenComplete((r, e) -> {
                    inFlight.remove(d.id());
                    if (e != null) {
                        LOG.warn("recording delivery {} attempt {} failed; it will be attempted again", d.id(), attempt, e);
                    }
                });
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
