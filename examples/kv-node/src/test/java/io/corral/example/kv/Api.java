package io.corral.example.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the coordinator's native API, for tests and benchmarks. */
final class Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** A reply: status and JSON body (an empty object when none, or when the call could not be made: status 0). */
    record Reply(int status, JsonNode json) {
        JsonNode data() {
            return json.path("data");
        }
    }

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Reply get(String path) {
        return call("GET", path, null);
    }

    Reply post(String path, Object body) {
        return call("POST", path, body);
    }

    Reply call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = r.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
            return new Reply(r.statusCode(), json);
        } catch (IOException e) {
            return new Reply(0, MAPPER.createObjectNode().put("error", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, MAPPER.createObjectNode().put("error", "interrupted"));
        }
    }
}
