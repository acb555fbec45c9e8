package io.corral.server.http;

import io.corral.server.security.Principal;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * A hot route served in front of the router (see {@link DirectDispatcher}): one method and one
 * {@link PathTemplate}, answered either 200 with the JSON its {@link Handler} returns or, for a route
 * that sets its own status and headers or answers later (a long-poll), by its {@link Exchange}; exactly
 * one of the two is set. The same path template is also registered on the router with a handler that
 * calls the same function, so both ways in answer alike; the direct one only skips the router's regex
 * matching and per-request context.
 */
public record DirectRoute(HttpMethod method, PathTemplate path, Handler handler, Exchange exchange) {

    public DirectRoute {
        if ((handler == null) == (exchange == null)) {
            throw new IllegalArgumentException("a direct route has exactly one of a handler and an exchange");
        }
    }

    /** Serves one request; throws (e.g. a {@code CorralException}) to answer with an error instead. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param caller authenticates the caller when first asked (401 when that fails)
         * @param params the path parameters in template order
         * @param body   the request body (empty when there is none)
         * @return the JSON body of the 200 response
         */
        byte[] handle(Supplier<Principal> caller, List<String> params, byte[] body);
    }

    /**
     * Serves one request by answering its response itself, now or later (on the request's event loop);
     * throws (e.g. a {@code CorralException}) before answering to answer with an error instead.
     */
    @FunctionalInterface
    public interface Exchange {
        /**
         * @param caller  authenticates the caller when first asked (401 when that fails)
         * @param params  the path parameters in template order
         * @param request the request, whose response this answers
         */
        void handle(Supplier<Principal> caller, List<String> params, HttpServerRequest request);
    }

    public DirectRoute(HttpMethod method, String template, Handler handler) {
        this(method, new PathTemplate(template), handler, null);
    }

    /** A route answered by {@code exchange}. */
    public static DirectRoute answering(HttpMethod method, String template, Exchange exchange) {
        return new DirectRoute(method, new PathTemplate(template), null, exchange);
    }
}
