package io.corral.server.http;

import io.corral.server.security.Principal;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A hot route served in front of the router (see {@link DirectDispatcher}): one method and one
 * {@link PathTemplate}, answered either 200 with the JSON its {@link Handler} returns, or with the
 * {@link Reply} its {@link Deferred} handler completes later (a write that waits for its commit), or, for
 * a route that sets its own status and headers or answers later (a long-poll), by its {@link Exchange};
 * exactly one of the three is set. The same path template is also registered on the router with a
 * handler that calls the same function, so both ways in answer alike; the direct one only skips the
 * router's regex matching and per-request context.
 */
public record DirectRoute(HttpMethod method, PathTemplate path, Handler handler, Deferred deferred,
                          Exchange exchange) {

    public DirectRoute {
        int kinds = (handler == null ? 0 : 1) + (deferred == null ? 0 : 1) + (exchange == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a direct route has exactly one of a handler, a deferred handler "
                    + "and an exchange");
        }
    }

    /**
     * A status and how to render the JSON body (null for none, as with 204). The body is rendered where the
     * answer is written, on the request's event loop, not on the thread that completed the stage: that is
     * often the controller's single writer thread, which must not spend its time serialising responses.
     */
    public record Reply(int status, Supplier<byte[]> json) {
    }

    /** Serves one request whose answer comes later; fails the stage (or throws) to answer with an error. */
    @FunctionalInterface
    public interface Deferred {
        /**
         * @param caller authenticates the caller when first asked (401 when that fails)
         * @param params the path parameters in template order
         * @param body   the request body (empty when there is none)
         * @return completes with the answer, on any thread
         */
        CompletionStage<Reply> handle(Supplier<Principal> caller, List<String> params, byte[] body);
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
        this(method, new PathTemplate(template), handler, null, null);
    }

    /** A route answered when {@code deferred}'s stage completes. */
    public static DirectRoute deferred(HttpMethod method, String template, Deferred deferred) {
        return new DirectRoute(method, new PathTemplate(template), null, deferred, null);
    }

    /** A route answered by {@code exchange}. */
    public static DirectRoute answering(HttpMethod method, String template, Exchange exchange) {
        return new DirectRoute(method, new PathTemplate(template), null, null, exchange);
    }
}
