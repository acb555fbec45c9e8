package io.corral.server.adapters.quiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.adapters.proxystone.ProxyStoneErrorFormat;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.http.ErrorFormat;
import io.corral.server.http.Json;

/**
 * Errors under {@code /cluster/} as seed 003's coordinator writes them: an RFC 7807 problem body,
 * {@code {"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "missing or invalid API key"}}.
 */
public final class QuiverErrorFormat implements ErrorFormat {
    @Override
    public Object body(CorralException e) {
        int status = e.code().httpStatus();
        ObjectNode o = Json.object();
        o.put("type", "about:blank");
        o.put("title", ProxyStoneErrorFormat.reasonPhrase(status));
        o.put("status", status);
        o.put("detail", e.code() == ErrorCode.UNAUTHORIZED ? "missing or invalid API key" : e.getMessage());
        return o;
    }
}
