package io.corral.server.http;

import io.corral.server.metrics.CorralMetrics;
import io.corral.server.security.Authenticator;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * Assembles the router: per-request authentication context and metrics, a body limit of
 * {@link #BODY_LIMIT_BYTES} (413 beyond), every endpoint's routes, and error handling in the error
 * format of the API area a path belongs to (native by default). {@link #handler} puts the
 * {@link DirectRoute}s (hot routes such as heartbeats) in front of the router; they answer exactly as
 * their router routes do.
 */
public final class HttpApi {
    public static final long BODY_LIMIT_BYTES = 1 << 20;
    private static final ErrorFormat NATIVE = new NativeErrorFormat();

    /** A path prefix whose errors use another format, e.g. {@code /api/cluster/} for seed 001. */
    public record Area(String pathPrefix, ErrorFormat format) {
    }

    private final Authenticator authenticator;
    private final CorralMetrics metrics;
    private final List<Consumer<Router>> endpoints;
    private final List<Area> areas;
    private final List<DirectRoute> directRoutes;

    public HttpApi(Authenticator authenticator, CorralMetrics metrics, List<Consumer<Router>> endpoints,
                   List<Area> areas) {
        this(authenticator, metrics, endpoints, areas, List.of());
    }

    /**
     * @param directRoutes routes served before the router (each must also be registered on the router by
     *                     its endpoint, so requests the direct path does not take get the same answer)
     */
    public HttpApi(Authenticator authenticator, CorralMetrics metrics, List<Consumer<Router>> endpoints,
                   List<Area> areas, List<DirectRoute> directRoutes) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.areas = areas;
        this.directRoutes = List.copyOf(directRoutes);
    }

    /** The request handler of one HTTP server: the direct routes, then a router of its own for the rest. */
    public Handler<HttpServerRequest> handler(Vertx vertx) {
        Router router = router(vertx);
        if (directRoutes.isEmpty()) {
            return router;
        }
        return new DirectDispatcher(directRoutes, router, authenticator, metrics, this::formatFor);
    }

    /** Builds one router; each HTTP verticle gets its own. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::begin);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        endpoints.forEach(e -> e.accept(router));
        for (Area a : areas) {
            router.route(a.pathPrefix() + "*").failureHandler(ctx -> Failures.respond(ctx, a.format()));
        }
        router.route().failureHandler(ctx -> Failures.respond(ctx, formatFor(ctx)));
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, ctx -> Failures.respond(ctx, formatFor(ctx)));
        }
        return router;
    }

    private ErrorFormat formatFor(RoutingContext ctx) {
        return formatFor(ctx.normalizedPath());
    }

    private ErrorFormat formatFor(String path) {
        for (Area a : areas) {
            if (path.startsWith(a.pathPrefix())) {
                return a.format();
            }
        }
        return NATIVE;
    }

    private void begin(RoutingContext ctx) {
        Http.attach(ctx, authenticator);
        long started = System.nanoTime();
        ctx.addEndHandler(ar -> {
            Route route = ctx.currentRoute();
            String path = route == null || route.getPath() == null ? "unmatched" : route.getPath();
            metrics.recordRequest(ctx.request().method().name(), path, ctx.response().getStatusCode(),
                    System.nanoTime() - started);
        });
        ctx.next();
    }
}
