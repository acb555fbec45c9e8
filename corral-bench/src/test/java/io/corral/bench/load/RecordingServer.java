package io.corral.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x HTTP server on a free loopback port for load-generator tests: records every request it
 * receives and answers 200 with a small JSON body, 503 for paths under {@code /fail}, and for paths under
 * {@code /close} answers 200 and then closes the connection.
 */
public final class RecordingServer implements AutoCloseable {

    /** One request as received: its path, {@code Authorization} header, body and the client's port. */
    public record Received(String path, String authorization, String body, int clientPort) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public RecordingServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            received.add(new Received(req.path(), req.getHeader("Authorization"), body.toString(),
                    req.remoteAddress().port()));
            if (req.path().startsWith("/fail")) {
                req.response().setStatusCode(503).end("{\"error\":\"unavailable\"}");
            } else if (req.path().startsWith("/close")) {
                req.response().end("{\"ok\":true}").onComplete(x -> req.connection().close());
            } else {
                req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
            }
        });
    }

    public int port() {
        return server.actualPort();
    }

    /** Every request received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
