package io.corral.server.http;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.metrics.CorralMetrics;
import io.corral.server.security.Authenticator;
import io.corral.server.security.Principal;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The request handler of an HTTP server: serves the {@link DirectRoute}s itself and hands every other
 * request to the router, untouched. A request is served directly only when nothing about it needs
 * the router's machinery: HTTP/1.x, a method and path that match a direct route exactly (see
 * {@link PathTemplate}), no {@code Transfer-Encoding} or {@code Expect} header, and a
 * {@code Content-Length} (or none, an empty body) of at most {@link #MAX_BODY_BYTES}, which is below
 * {@link HttpApi#BODY_LIMIT_BYTES}, so the body limit can never apply. Errors are answered as the
 * router would answer them: the error format of the path's API area, {@code WWW-Authenticate} on 401,
 * and unexpected failures logged and answered 500. A {@link DirectRoute.Deferred} route is answered on
 * the request's event loop when its stage completes (a failed stage as an error, as above). A route
 * with an {@link DirectRoute.Exchange} answers its response itself, possibly later; an error it throws
 * first is answered as above. Every response
 * is counted in {@code corral.http.requests} under the route's template (an exchange's when it ends).
 */
final class DirectDispatcher implements Handler<HttpServerRequest> {
    /** Bodies up to this size are read here; larger ones go through the router and its body limit. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final String CONTENT_TYPE = "Content-Type";
    private static final String JSON = "application/json";

    private final List<DirectRoute> routes;
    private final Handler<HttpServerRequest> router;
    private final Authenticator authenticator;
    private final CorralMetrics metrics;
    private final Function<String, ErrorFormat> formatFor;
    /** The timer of each route's 200 responses, by route index: looked up once, not per request. */
    private final Timer[] okTimers;

    DirectDispatcher(List<DirectRoute> routes, Handler<HttpServerRequest> router, Authenticator authenticator,
                     CorralMetrics metrics, Function<String, ErrorFormat> formatFor) {
        this.routes = List.copyOf(routes);
        this.router = router;
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.formatFor = formatFor;
        this.okTimers = new Timer[this.routes.size()];
        for (int i = 0; i < okTimers.length; i++) {
            DirectRoute r = this.routes.get(i);
            okTimers[i] = r.handler() == null ? null : metrics.requestTimer(r.method().name(), r.path().template(), 200);
        }
    }

    @Override
    public void handle(HttpServerRequest req) {
        if (eligible(req)) {
            String path = req.path();
            for (int i = 0; i < routes.size(); i++) {
                DirectRoute route = routes.get(i);
                if (route.method().equals(req.method())) {
                    List<String> params = route.path().match(path);
                    if (params != null) {
                        serve(req, i, params);
                        return;
                    }
                }
            }
        }
        router.handle(req);
    }

    private static boolean eligible(HttpServerRequest req) {
        if (req.version() != HttpVersion.HTTP_1_1 && req.version() != HttpVersion.HTTP_1_0) {
            return false;
        }
        var headers = req.headers();
        if (headers.contains(HttpHeaders.TRANSFER_ENCODING) || headers.contains(HttpHeaders.EXPECT)) {
            return false;
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return true;
        }
        if (length.isEmpty() || length.length() > 7) {
            return false;
        }
        for (int i = 0; i < length.length(); i++) {
            char c = length.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Long.parseLong(length) <= MAX_BODY_BYTES;
    }

    private void serve(HttpServerRequest req, int routeIndex, List<String> params) {
        long startedNanos = System.nanoTime();
        req.exceptionHandler(t -> { });
        req.body().onComplete(ar -> {
            if (ar.failed()) {
                return; // the connection went away; there is no one to answer
            }
            Buffer body = ar.result();
            DirectRoute route = routes.get(routeIndex);
            Supplier<Principal> caller = () -> authenticator.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION));
            if (route.exchange() != null) {
                exchange(req, route, caller, params, startedNanos);
                return;
            }
            if (route.deferred() != null) {
                deferred(req, route, caller, params, body, startedNanos);
                return;
            }
            byte[] out;
            try {
                out = route.handler().handle(caller, params, bytes(body));
            } catch (Throwable t) {
                fail(req, route, t, startedNanos);
                return;
            }
            // Counted before the answer leaves, so a client that reads the metrics next sees this request.
            okTimers[routeIndex].record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
            req.response().setStatusCode(200).putHeader(CONTENT_TYPE, JSON).end(Buffer.buffer(out));
        });
    }

    /** The request body's bytes, empty when there is none. */
    private static byte[] bytes(Buffer body) {
        return body == null ? new byte[0] : body.getBytes();
    }

    /** Answers with the deferred handler's reply, on the request's event loop, when its stage completes. */
    private void deferred(HttpServerRequest req, DirectRoute route, Supplier<Principal> caller, List<String> params,
                          Buffer body, long startedNanos) {
        CompletionStage<DirectRoute.Reply> stage;
        try {
            stage = route.deferred().handle(caller, params, bytes(body));
        } catch (Throwable t) {
            fail(req, route, t, startedNanos);
            return;
        }
        Future.fromCompletionStage(stage, Vertx.currentContext()).onComplete(ar -> {
            if (ar.failed()) {
                fail(req, route, ar.cause(), startedNanos);
                return;
            }
            DirectRoute.Reply reply = ar.result();
            byte[] json;
            try {
                json = reply.json() == null ? null : reply.json().get();
            } catch (Throwable t) {
                fail(req, route, t, startedNanos);
                return;
            }
            metrics.recordRequest(route.method().name(), route.path().template(), reply.status(),
                    System.nanoTime() - startedNanos);
            if (req.response().closed()) {
                return; // the caller went away while the change committed; there is no one to answer
            }
            HttpServerResponse response = req.response().setStatusCode(reply.status());
            if (json == null) {
                response.end();
            } else {
                response.putHeader(CONTENT_TYPE, JSON).end(Buffer.buffer(json));
            }
        });
    }

    /** Lets the route's exchange answer; counts the answer with its status when it ends. */
    private void exchange(HttpServerRequest req, DirectRoute route, Supplier<Principal> caller, List<String> params,
                          long startedNanos) {
        try {
            route.exchange().handle(caller, params, req);
        } catch (Throwable t) {
            fail(req, route, t, startedNanos);
            return;
        }
        HttpServerResponse response = req.response();
        if (response.ended()) {
            record(route, response, startedNanos);
        } else {
            response.endHandler(v -> record(route, response, startedNanos));
        }
    }

    private void record(DirectRoute route, HttpServerResponse response, long startedNanos) {
        metrics.recordRequest(route.method().name(), route.path().template(), response.getStatusCode(),
                System.nanoTime() - startedNanos);
    }

    /** Answers with the error for {@code t} in the format of the request's API area, and counts it. */
    private void fail(HttpServerRequest req, DirectRoute route, Throwable t, long startedNanos) {
        CorralException e = Failures.toCorral(t, 500);
        int status = e.code().httpStatus();
        metrics.recordRequest(route.method().name(), route.path().template(), status, System.nanoTime() - startedNanos);
        HttpServerResponse response = req.response();
        if (response.ended()) {
            return;
        }
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"corral\"");
        }
        response.setStatusCode(status).putHeader(CONTENT_TYPE, JSON)
                .end(Buffer.buffer(Json.bytes(formatFor.apply(req.path()).body(e))));
    }
}
