package io.corral.server.http;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failure into an error response, in the format of the API area that failed. */
public final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** Maps any throwable (or a bare status code from Vert.x) to a {@link CorralException}. */
    public static CorralException toCorral(Throwable failure, int statusCode) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CorralException ce) {
            return ce;
        }
        if (t != null && !(t instanceof io.vertx.ext.web.handler.HttpException)) {
            LOG.error("unexpected failure", t);
            return new CorralException(ErrorCode.INTERNAL_ERROR, "internal error; see the coordinator log");
        }
        int status = t instanceof io.vertx.ext.web.handler.HttpException he ? he.getStatusCode() : statusCode;
        return switch (status) {
            case 400 -> new CorralException(ErrorCode.VALIDATION_FAILED, "bad request");
            case 401 -> new CorralException(ErrorCode.UNAUTHORIZED, "authentication required");
            case 403 -> new CorralException(ErrorCode.FORBIDDEN, "forbidden");
            case 404 -> new CorralException(ErrorCode.NOT_FOUND, "no such endpoint");
            case 405 -> new CorralException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this path");
            case 413 -> new CorralException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than "
                    + HttpApi.BODY_LIMIT_BYTES + " bytes", Map.of("limit_bytes", HttpApi.BODY_LIMIT_BYTES));
            case 415 -> new CorralException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported media type");
            case 503 -> new CorralException(ErrorCode.UNAVAILABLE, "service unavailable");
            default -> new CorralException(ErrorCode.INTERNAL_ERROR, "internal error (" + status + ")");
        };
    }

    /** Writes the error response for {@code ctx}'s failure in {@code format}. */
    public static void respond(RoutingContext ctx, ErrorFormat format) {
        CorralException e = toCorral(ctx.failure(), ctx.statusCode());
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"corral\"");
        }
        Http.json(ctx, e.code().httpStatus(), format.body(e));
    }
}
