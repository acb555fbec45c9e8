package io.corral.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * One event loop of the load generator: every slot owns one keep-alive HTTP/1.1 connection (no
 * pool, no pipelining) and runs a closed loop on it, sending its next request as soon as the
 * previous response has been read completely. Latency is measured from starting a request until
 * the last byte of its response body. A slot whose connection fails reconnects.
 */
final class DriverVerticle extends VerticleBase {
    private static final long RETRY_AFTER_TRANSPORT_ERROR_MS = 10;

    private record Reply(int status, Buffer body) {
    }

    private final String host;
    private final int port;
    private final int[] slots;
    private final Workload workload;
    private final RunPhase phase;
    private final Runnable slotFinished;
    private final Map<String, KindStats> stats = new HashMap<>();
    private HttpClientAgent client;
    /** Each slot's own connection, indexed by slot number. */
    private HttpClientConnection[] connections;

    DriverVerticle(String host, int port, int[] slots, Workload workload, RunPhase phase, Runnable slotFinished) {
        this.host = host;
        this.port = port;
        this.slots = slots;
        this.workload = workload;
        this.phase = phase;
        this.slotFinished = slotFinished;
    }

    @Override
    public Future<?> start() {
        HttpClientOptions options = new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(true).setPipelining(false).setTcpNoDelay(true).setConnectTimeout(5_000);
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(Math.max(1, slots.length)));
        connections = new HttpClientConnection[slots.length == 0 ? 0 : slots[slots.length - 1] + 1];
        for (int slot : slots) {
            connectAndSend(slot);
        }
        return Future.succeededFuture();
    }

    /** Opens the slot's own connection (again, after the server closed it) and sends on it. */
    private void connectAndSend(int slot) {
        client.connect(new HttpConnectOptions().setHost(host).setPort(port)).onComplete(ar -> {
            if (ar.succeeded()) {
                connections[slot] = ar.result();
                send(slot);
            } else if (phase.stopped()) {
                slotFinished.run();
            } else {
                vertx.setTimer(RETRY_AFTER_TRANSPORT_ERROR_MS, t -> connectAndSend(slot));
            }
        });
    }

    @Override
    public Future<?> stop() {
        return client.close();
    }

    /** Counts and latencies by kind; read only after every slot of this driver has finished. */
    Map<String, KindStats> stats() {
        return stats;
    }

    private void send(int slot) {
        if (phase.stopped()) {
            slotFinished.run();
            return;
        }
        BenchRequest r = workload.next(slot);
        if (r == null) {
            slotFinished.run();
            return;
        }
        long startedNanos = System.nanoTime();
        connections[slot].request(r.options())
                .compose(req -> r.body() == null ? req.send() : req.send(r.body()))
                .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), body)))
                .onComplete(ar -> completed(slot, r, startedNanos, ar));
    }

    private void completed(int slot, BenchRequest r, long startedNanos, AsyncResult<Reply> ar) {
        long latencyNanos = System.nanoTime() - startedNanos;
        boolean ok = ar.succeeded() && ar.result().status() == r.expectedStatus();
        if (ok && r.onSuccessBody() != null) {
            r.onSuccessBody().accept(ar.result().body());
        }
        if (phase.counting()) {
            KindStats s = stats.computeIfAbsent(r.kind(), k -> new KindStats());
            if (ok) {
                s.success(latencyNanos);
            } else if (ar.failed()) {
                s.error(ar.cause().getClass().getSimpleName(), shorten(String.valueOf(ar.cause().getMessage())));
            } else {
                s.error("HTTP " + ar.result().status(), shorten(ar.result().body().toString()));
            }
        }
        workload.completed(slot, ok);
        if (ar.failed()) {
            connections[slot].close();
            vertx.setTimer(RETRY_AFTER_TRANSPORT_ERROR_MS, t -> connectAndSend(slot));
        } else {
            send(slot);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
