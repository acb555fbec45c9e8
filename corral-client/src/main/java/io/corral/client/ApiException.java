package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * The server answered with an error: an HTTP status of 400 or above, with the error code, message and
 * details of the native error body {@code {"error": {"code", "message", "details"}}}. When the body is
 * not in that format (say a proxy's HTML page), the code is {@code HTTP_<status>} and the message is the
 * start of the body, so {@link #code()} and {@link #getMessage()} are never null.
 */
public final class ApiException extends CorralClientException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_RAW_MESSAGE_CHARS = 200;

    private final int httpStatus;
    private final String code;
    private final JsonNode details;

    public ApiException(int httpStatus, String code, String message, JsonNode details) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.details = details == null ? JsonNodeFactory.instance.objectNode() : details;
    }

    /** Parses an error response; never throws. */
    public static ApiException fromResponse(int httpStatus, String body) {
        String text = body == null ? "" : body;
        JsonNode error = null;
        try {
            error = text.isBlank() ? null : Json.MAPPER.readTree(text).get("error");
        } catch (IOException notJson) {
            error = null;
        }
        if (error != null && error.isObject() && error.path("code").isTextual()) {
            String message = error.path("message").isTextual() ? error.get("message").asText() : "";
            JsonNode details = error.path("details").isObject() ? error.get("details") : null;
            return new ApiException(httpStatus, error.get("code").asText(), message, details);
        }
        String raw = text.strip();
        if (raw.length() > MAX_RAW_MESSAGE_CHARS) {
            raw = raw.substring(0, MAX_RAW_MESSAGE_CHARS) + "…";
        }
        return new ApiException(httpStatus, "HTTP_" + httpStatus,
                raw.isEmpty() ? "the server answered HTTP " + httpStatus + " with no error body" : raw, null);
    }

    /** The HTTP status code, 400 or above for responses from Corral. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Corral's error code, e.g. {@code NODE_NOT_FOUND}, or {@code HTTP_<status>} for a foreign body. */
    public String code() {
        return code;
    }

    /** The {@code details} object of the error; empty, never null. */
    public JsonNode details() {
        return details;
    }
}
