package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** A small HTTP client for process tests: calls never throw on connection failure (status 0 instead). */
final class Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Status, parsed JSON (or an empty object), headers. */
    record Reply(int status, JsonNode json, java.net.http.HttpHeaders headers, String raw) {
    }

    private Api() {
    }

    static Reply call(String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            String text = body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
            b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
            } catch (IOException e) {
                json = MAPPER.createObjectNode();
            }
            return new Reply(r.statusCode(), json, r.headers(), r.body());
        } catch (IOException e) {
            return new Reply(0, MAPPER.createObjectNode(), null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply get(String url, String token) {
        return call("GET", url, token, null);
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes; fails with {@code what} and context. */
    static void await(String what, Duration timeout, Supplier<Boolean> condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what + "\n" + context.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
