package io.corral.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sends one request and turns the reply into JSON or an exception: 2xx with a body gives the parsed
 * body, 204 gives null, 4xx/5xx gives an {@link ApiException}, no usable reply a
 * {@link CorralClientException}. Adds the bearer token and the request timeout to every request; also
 * opens streamed replies (Server-Sent Events).
 */
final class Transport {
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final long timeoutMs;

    /** A reply: the parsed body (null when there is none) and the headers. */
    record Reply(JsonNode body, HttpHeaders headers) {
    }

    Transport(HttpClient http, String baseUrl, String token, long timeoutMs) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeoutMs = timeoutMs;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The per-request reply timeout of ordinary requests, in milliseconds. */
    long timeoutMs() {
        return timeoutMs;
    }

    JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    void delete(String pathAndQuery) {
        send("DELETE", pathAndQuery, null);
    }

    /** Returns the parsed reply body, or null when the reply has none (204). */
    JsonNode send(String method, String pathAndQuery, Object body) {
        return exchange(method, pathAndQuery, body, timeoutMs).body();
    }

    /**
     * Like {@link #send} with the reply's headers too, and a reply timeout of {@code replyTimeoutMs}
     * for requests the server may hold open (long-polls).
     */
    Reply exchange(String method, String pathAndQuery, Object body, long replyTimeoutMs) {
        HttpRequest request = request(method, pathAndQuery, body, replyTimeoutMs, "application/json", Map.of());
        HttpResponse<String> response = call(request, HttpResponse.BodyHandlers.ofString(), replyTimeoutMs);
        int status = response.statusCode();
        if (status >= 400) {
            throw ApiException.fromResponse(status, response.body());
        }
        String text = response.body();
        if (text == null || text.isEmpty()) {
            return new Reply(null, response.headers());
        }
        try {
            return new Reply(Json.MAPPER.readTree(text), response.headers());
        } catch (JsonProcessingException e) {
            throw new CorralClientException(method + " " + request.uri() + ": the reply (HTTP " + status
                    + ") is not JSON", e);
        }
    }

    /**
     * Opens a {@code GET} whose reply body is read as it arrives (Server-Sent Events). The timeout covers
     * the reply's headers only; the body stays open until the server or the caller closes it.
     */
    InputStream openStream(String pathAndQuery, Map<String, String> headers) {
        HttpRequest request = request("GET", pathAndQuery, null, timeoutMs, "text/event-stream", headers);
        HttpResponse<InputStream> response = call(request, HttpResponse.BodyHandlers.ofInputStream(), timeoutMs);
        if (response.statusCode() >= 400) {
            String text;
            try (InputStream body = response.body()) {
                text = new String(body.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            throw ApiException.fromResponse(response.statusCode(), text);
        }
        return response.body();
    }

    /**
     * Follows a Server-Sent Events stream: blocks on this thread, handing each event to {@code onEvent}
     * until it returns false or the server ends the stream. With {@code lastEventId} the request carries
     * {@code Last-Event-ID}, so the server resumes after that event. Interrupting the thread ends the
     * stream with a {@link CorralClientException}.
     *
     * @return the id of the last event received, or {@code lastEventId} when none came
     */
    String stream(String pathAndQuery, String lastEventId, Predicate<ServerSentEvent> onEvent) {
        Map<String, String> headers = lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId);
        String lastId = lastEventId;
        try (InputStream body = openStream(pathAndQuery, headers);
             SseParser events = new SseParser(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            ServerSentEvent e;
            while ((e = events.next()) != null) {
                boolean more = onEvent.test(e);
                lastId = e.id();
                if (!more) {
                    break;
                }
            }
            return lastId;
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CorralClientException("GET " + pathAndQuery + " was interrupted", e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CorralClientException("GET " + pathAndQuery + " was interrupted", e);
            }
            throw new CorralClientException("GET " + pathAndQuery + ": the stream broke"
                    + (lastId == null ? "" : " after event " + lastId) + ": " + describe(e), e);
        }
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler, long replyTimeoutMs) {
        String method = request.method();
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new CorralClientException(method + " " + request.uri() + ": no reply within " + replyTimeoutMs
                    + " ms", e);
        } catch (ConnectException e) {
            throw new CorralClientException("cannot connect to Corral at " + baseUrl + " ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new CorralClientException(method + " " + request.uri() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorralClientException(method + " " + request.uri() + " was interrupted", e);
        }
    }

    private HttpRequest request(String method, String pathAndQuery, Object body, long replyTimeoutMs, String accept,
                                Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            try {
                publisher = HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body cannot be written as JSON: " + e.getMessage(), e);
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofMillis(replyTimeoutMs))
                .header("Accept", accept)
                .method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b.build();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
