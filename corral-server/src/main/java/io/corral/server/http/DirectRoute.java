package io.corral.server.http;

import io.corral.server.security.Principal;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.function.Supplier;

/**
 * A hot route served in front of the router (see {@link DirectDispatcher}): one method and one
 * {@link PathTemplate}, answered 200 with the JSON its handler returns. The same path template is
 * also registered on the router with a handler that calls the same {@link Handler}, so both ways
 * in answer alike; the direct one only skips the router's regex matching and per-request context.
 */
public record DirectRoute(HttpMethod method, PathTemplate path, Handler handler) {

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

    public DirectRoute(HttpMethod method, String template, Handler handler) {
        this(method, new PathTemplate(template), handler);
    }
}
