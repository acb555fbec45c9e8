package io.corral.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Polls {@code GET <url>/readyz} every {@link #POLL_INTERVAL_MS} ms until it answers 200, so the time
 * to ready is known to within that interval (plus one request).
 */
public final class ReadyProbe {
    public static final long POLL_INTERVAL_MS = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReadyProbe() {
    }

    /**
     * Waits until ready and returns the milliseconds elapsed since {@code sinceNanos} (a
     * {@link System#nanoTime()} value). Fails early if {@code child} exits.
     */
    public static long awaitReady(String url, long sinceNanos, long timeoutMs, ChildJvm child) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = sinceNanos + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - sinceNanos) / 1_000_000;
                }
            } catch (IOException notListeningYet) {
                // connection refused until the HTTP port is bound
            }
            if (child != null && !child.isAlive()) {
                throw new IllegalStateException("the server exited before it was ready; see " + child.logFile());
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
        throw new TimeoutException(url + " was not ready within " + timeoutMs + " ms");
    }
}
