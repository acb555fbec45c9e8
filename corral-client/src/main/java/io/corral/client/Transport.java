package io.corral.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends one request and turns the reply into JSON or an exception: 2xx with a body gives the parsed
 * body, 204 gives null, 4xx/5xx gives an {@link ApiException}, no usable reply a
 * {@link CorralClientException}. Adds the bearer token and the request timeout to every request.
 */
final class Transport {
    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final long timeoutMs;

    Transport(HttpClient http, String baseUrl, String token, long timeoutMs) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeoutMs = timeoutMs;
    }

    String baseUrl() {
        return baseUrl;
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
        HttpRequest request = request(method, pathAndQuery, body);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CorralClientException(method + " " + request.uri() + ": no reply within " + timeoutMs + " ms", e);
        } catch (ConnectException e) {
            throw new CorralClientException("cannot connect to Corral at " + baseUrl + " ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new CorralClientException(method + " " + request.uri() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorralClientException(method + " " + request.uri() + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw ApiException.fromResponse(status, response.body());
        }
        String text = response.body();
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CorralClientException(method + " " + request.uri() + ": the reply (HTTP " + status
                    + ") is not JSON", e);
        }
    }

    private HttpRequest request(String method, String pathAndQuery, Object body) {
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
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
