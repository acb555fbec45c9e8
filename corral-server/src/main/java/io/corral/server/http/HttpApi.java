package io.corral.server.http;

import io.corral.server.metrics.CorralMetrics;
import io.corral.server.security.Authenticator;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * Assembles the router: per-request authentication context and metrics, a body limit of
 * {@link #BODY_LIMIT_BYTES} (413 beyond), every endpoint's routes, and error handling in the error
 * format of the API area a path belongs to (native by default).
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

    public HttpApi(Authenticator authenticator, CorralMetrics metrics, List<Consumer<Router>> endpoints,
                   List<Area> areas) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.areas = areas;
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
        String path = ctx.normalizedPath();
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
