package io.corral.bench.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.RequestOptions;
import java.util.function.Consumer;

/**
 * One HTTP request a workload wants sent, prepared ahead of time so the load generator does no
 * formatting on its hot path.
 *
 * @param kind           the latency series the request is counted in, e.g. {@code "heartbeat"}
 * @param options        method, URI and headers; shared between sends and never modified
 * @param body           the request body, or null for none
 * @param expectedStatus the HTTP status that counts as success; any other is an error
 * @param onSuccessBody  called with the response body of a successful request, or null
 */
public record BenchRequest(String kind, RequestOptions options, Buffer body, int expectedStatus,
                           Consumer<Buffer> onSuccessBody) {
}
