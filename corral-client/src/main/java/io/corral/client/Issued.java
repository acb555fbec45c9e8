package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A created resource together with its secret token, which the server shows only this once (it keeps a
 * hash). {@code data} is the reply's {@code data} object as sent, token included.
 */
public record Issued(JsonNode data, String token) {
    static Issued from(JsonNode body) {
        JsonNode data = body.get("data");
        return new Issued(data, data.path("token").asText(null));
    }
}
