package io.corral.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

/** One event loop serving the API; several instances share the port. */
public final class HttpVerticle extends VerticleBase {
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
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(300);
        return vertx.createHttpServer(options).requestHandler(api.handler(vertx)).listen();
    }
}
