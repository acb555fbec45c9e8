package io.corral.server.adapters.quiver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Probes {@code <url>/healthz} of many URLs at once; a URL is up when it answers 2xx within the timeout. */
public final class HealthProbe implements QuiverEndpoint.Probe {
    static final long TIMEOUT_MS = 2_000;
    private final HttpClient client;

    public HealthProbe(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS)
                .setKeepAlive(false));
    }

    @Override
    public CompletableFuture<Map<Long, Boolean>> probe(Map<Long, String> urls) {
        Map<Long, Boolean> out = new TreeMap<>();
        List<Future<?>> all = new ArrayList<>();
        for (Map.Entry<Long, String> e : urls.entrySet()) {
            String url = e.getValue().endsWith("/") ? e.getValue() + "healthz" : e.getValue() + "/healthz";
            Future<Boolean> up;
            try {
                up = client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                                .setTimeout(TIMEOUT_MS))
                        .compose(req -> req.send())
                        .map(res -> res.statusCode() >= 200 && res.statusCode() < 300)
                        .otherwise(false);
            } catch (RuntimeException bad) {
                up = Future.succeededFuture(false);
            }
            all.add(up.onComplete(ar -> {
                synchronized (out) {
                    out.put(e.getKey(), ar.succeeded() && ar.result());
                }
            }));
        }
        CompletableFuture<Map<Long, Boolean>> done = new CompletableFuture<>();
        Future.join(all).onComplete(ar -> {
            synchronized (out) {
                done.complete(new TreeMap<>(out));
            }
        });
        return done;
    }
}
