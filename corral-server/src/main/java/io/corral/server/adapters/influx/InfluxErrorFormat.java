package io.corral.server.adapters.influx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.http.ErrorFormat;
import io.corral.server.http.Json;

/** Errors under {@code /api/v3}: {@code {"error": "<message>", "code": "<CODE>"}}, as InfluxDB 3 reports them. */
public final class InfluxErrorFormat implements ErrorFormat {
    @Override
    public Object body(CorralException e) {
        ObjectNode o = Json.object();
        o.put("error", e.getMessage());
        o.put("code", e.code().name());
        return o;
    }
}
