package io.corral.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;

/** {@code {"error": {"code": "NODE_NOT_FOUND", "message": "…", "details": {…}}}}, as in seed 002. */
public final class NativeErrorFormat implements ErrorFormat {
    @Override
    public Object body(CorralException e) {
        ObjectNode error = Json.object();
        error.put("code", e.code().name());
        error.put("message", e.getMessage());
        error.set("details", Json.MAPPER.valueToTree(e.details()));
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }
}
