package io.corral.server.http;

import io.corral.server.domain.CorralException;
import io.corral.server.security.Authenticator;
import io.corral.server.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/** Request and response helpers shared by every endpoint class. */
public final class Http {
    private static final String PRINCIPAL = "corral.principal";
    private static final String AUTHENTICATOR = "corral.authenticator";

    private Http() {
    }

    /** Makes the authenticator available to {@link #principal}; installed once per router. */
    static void attach(RoutingContext ctx, Authenticator authenticator) {
        ctx.put(AUTHENTICATOR, authenticator);
    }

    /** The authenticated caller; authenticates on first use and throws 401 when that fails. */
    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) {
            Authenticator a = ctx.get(AUTHENTICATOR);
            p = a.authenticate(ctx.request().getHeader("Authorization"));
            ctx.put(PRINCIPAL, p);
        }
        return p;
    }

    /** The body as a JSON object (an empty body is {@code {}} when allowed). */
    public static JsonBody body(RoutingContext ctx, boolean emptyAllowed) {
        Buffer b = ctx.body().buffer();
        return JsonBody.parse(b == null ? null : b.getBytes(), emptyAllowed);
    }

    /** The raw body, empty when there is none. */
    public static byte[] bodyBytes(RoutingContext ctx) {
        Buffer b = ctx.body().buffer();
        return b == null ? new byte[0] : b.getBytes();
    }

    /** Answers with an already serialized JSON body. */
    public static void jsonBytes(RoutingContext ctx, int status, byte[] body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    public static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }

    /** Completes the response when {@code stage} does, on the request's own event loop. */
    public static <T> void async(RoutingContext ctx, CompletionStage<T> stage, int status, Function<T, Object> view) {
        whenDone(ctx, stage, result -> {
            if (status == 204) {
                noContent(ctx);
            } else {
                json(ctx, status, view.apply(result));
            }
        });
    }

    /**
     * Completes the response with the reply of a {@link DirectRoute.Deferred} handler, on the request's own
     * event loop: the router's way into the same function.
     */
    public static void reply(RoutingContext ctx, CompletionStage<DirectRoute.Reply> stage) {
        whenDone(ctx, stage, reply -> {
            if (reply.json() == null) {
                ctx.response().setStatusCode(reply.status()).end();
            } else {
                jsonBytes(ctx, reply.status(), reply.json().get());
            }
        });
    }

    /** Runs {@code answer} with the stage's result on the request's event loop, or fails the request with its error. */
    private static <T> void whenDone(RoutingContext ctx, CompletionStage<T> stage, Consumer<T> answer) {
        Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                answer.accept(ar.result());
            }
        });
    }

    /** A single query parameter, or null; given twice, the first wins. */
    public static String query(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public static int queryInt(RoutingContext ctx, String name, int dflt) {
        String v = query(ctx, name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw CorralException.invalid(name, "query parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    public static boolean queryBool(RoutingContext ctx, String name, boolean dflt) {
        String v = query(ctx, name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw CorralException.invalid(name, "query parameter '" + name + "' must be true or false, got '" + v + "'");
    }
}
