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
        return vertx.createHttpServer(serverOptions(host, port)).requestHandler(api.handler(vertx)).listen();
    }

    /**
     * The options of Corral's HTTP server (also the heartbeat benchmark's baseline server's, so that the two
     * differ only in what they do per request). Corral serves no WebSockets: without their compression
     * extensions Vert.x adds no extension handler to each connection's pipeline, which every request and
     * response would pass through.
     */
    public static HttpServerOptions serverOptions(String host, int port) {
        return new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
    }
}
