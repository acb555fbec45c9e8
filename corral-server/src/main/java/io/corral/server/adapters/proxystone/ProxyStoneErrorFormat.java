package io.corral.server.adapters.proxystone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.http.ErrorFormat;
import io.corral.server.http.Json;

/** Seed 001's error body: {@code {"success": false, "error": "Not Found", "message", "code", "details"}}. */
public final class ProxyStoneErrorFormat implements ErrorFormat {
    @Override
    public Object body(CorralException e) {
        ObjectNode o = Json.object();
        o.put("success", false);
        o.put("error", reasonPhrase(e.code().httpStatus()));
        o.put("message", e.getMessage());
        o.put("code", e.code().name());
        o.set("details", Json.MAPPER.valueToTree(e.details()));
        return o;
    }

    /** The HTTP reason phrase of a status code, e.g. {@code Not Found}. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
