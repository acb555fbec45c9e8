package io.corral.bench.watch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event loop of the load generator: opens its share of long-poll and SSE watchers with its own
 * HTTP client, so all their connections and callbacks stay on this loop. Long-polls re-poll at once
 * with the index they got (Consul's loop); streams are parsed by {@link SseScanner}. Each watcher
 * reports the versions it sees to its kind's {@link Arrivals}.
 */
final class WatcherVerticle extends VerticleBase {
    static final String WORKSPACE_MAP = "/api/v1/workspaces/default/shardmap";

    private final String host;
    private final int port;
    private final String token;
    private final int longPolls;
    private final int streams;
    private final long startVersion;
    private final Arrivals longPollArrivals;
    private final Arrivals sseArrivals;
    private final AtomicInteger opened;
    private HttpClient http;
    private volatile boolean stopping;

    WatcherVerticle(String host, int port, String token, int longPolls, int streams, long startVersion,
                    Arrivals longPollArrivals, Arrivals sseArrivals, AtomicInteger opened) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.longPolls = longPolls;
        this.streams = streams;
        this.startVersion = startVersion;
        this.longPollArrivals = longPollArrivals;
        this.sseArrivals = sseArrivals;
        this.opened = opened;
    }

    @Override
    public Future<?> start() {
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(longPolls + streams + 4));
        for (int i = 0; i < longPolls; i++) {
            poll(startVersion, true);
        }
        for (int i = 0; i < streams; i++) {
            stream();
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return http.close();
    }

    private RequestOptions get(String uri) {
        return new RequestOptions().setMethod(HttpMethod.GET).setURI(uri).putHeader("Authorization", "Bearer " + token);
    }

    private void poll(long index, boolean first) {
        http.request(get(WORKSPACE_MAP + "?index=" + index + "&wait=5m"))
                .compose(req -> {
                    if (first) {
                        opened.incrementAndGet();
                    }
                    return req.send();
                })
                .compose(res -> res.body().map(b -> Long.parseLong(res.getHeader("X-Corral-Index"))))
                .onComplete(ar -> {
                    long next = ar.succeeded() ? ar.result() : index;
                    if (ar.succeeded() && next != index) {
                        longPollArrivals.saw(next);
                    }
                    if (!stopping) {
                        poll(next, false);
                    }
                });
    }

    private void stream() {
        http.request(get(WORKSPACE_MAP + "/stream")).compose(req -> req.send()).onSuccess(res -> {
            opened.incrementAndGet();
            SseScanner scanner = new SseScanner(sseArrivals::saw);
            res.handler(scanner::feed);
        });
    }
}
