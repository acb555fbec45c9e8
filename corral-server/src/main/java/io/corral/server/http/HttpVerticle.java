package io.corral.server.http;

import io.corral.server.http.api.ShardMapEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/** One event loop serving the API; several instances share the port. */
public final class HttpVerticle extends VerticleBase {
    /**
     * Connections that send and receive nothing for this long are closed: one minute more than the
     * longest a long-poll is held silent ({@link ShardMapEndpoint#LONGEST_HOLD_MS}), so a held long-poll
     * always answers before its connection could be idle-closed, while idle keep-alive connections
     * still close. Event streams write a keepalive far more often than this.
     */
    static final int IDLE_TIMEOUT_SECONDS = (int) TimeUnit.MILLISECONDS.toSeconds(ShardMapEndpoint.LONGEST_HOLD_MS) + 60;
    private final HttpApi api;
    private final String host;
    private final int port;

    public HttpVerticle(HttpApi api, String host, int port) {
        this.api = api;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        // Corral serves no WebSockets: without their compression extensions Vert.x adds no extension
        // handler to each connection's pipeline, which every request and response would pass through.
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
        return vertx.createHttpServer(options).requestHandler(api.handler(vertx)).listen();
    }
}
