package io.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.metrics.CorralMetrics;
import io.corral.server.security.Authenticator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deferred direct route is answered when its stage completes, whichever thread completes it, and its
 * body is rendered on the request's event loop: the completing thread is often the controller's single
 * writer, which must not serialise responses.
 */
class DeferredDirectRouteTest {
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-writer"));
    private final AtomicReference<String> renderedOn = new AtomicReference<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        DirectRoute route = DirectRoute.deferred(HttpMethod.POST, "/t/:what", (caller, params, body) -> {
            String what = params.get(0);
            if (what.equals("bad-now")) {
                throw CorralException.invalid("what", "refused before the stage");
            }
            return CompletableFuture.supplyAsync(() -> {
                if (what.equals("bad-later")) {
                    throw CorralException.invalid("what", "refused by the writer");
                }
                return new DirectRoute.Reply(201, () -> {
                    renderedOn.set(Thread.currentThread().getName());
                    return ("{\"echo\":\"" + new String(body, StandardCharsets.UTF_8) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                });
            }, writer);
        });
        HttpApi api = new HttpApi(new Authenticator(ClusterImage::empty, true), new CorralMetrics(), List.of(),
                List.of(), List.of(route));
        server = vertx.createHttpServer().requestHandler(api.handler(vertx)).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        writer.shutdownNow();
    }

    private HttpResponse<String> post(String what) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/t/" + what))
                        .POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReplyIsRenderedOnTheEventLoopNotOnTheThreadThatCompletedIt() throws Exception {
        HttpResponse<String> r = post("ok");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{\"echo\":\"hi\"}");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(renderedOn.get()).startsWith("vert.x-eventloop");
    }

    @Test
    void aFailureBeforeOrAfterTheStageIsAnsweredAsAnError() throws Exception {
        for (String what : new String[] {"bad-now", "bad-later"}) {
            HttpResponse<String> r = post(what);
            assertThat(r.statusCode()).as(what).isEqualTo(400);
            assertThat(r.body()).as(what).contains("\"code\":\"VALIDATION_FAILED\"", "refused");
        }
        assertThat(renderedOn.get()).isNull();
    }
}
