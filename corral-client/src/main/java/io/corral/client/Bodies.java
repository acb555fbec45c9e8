package io.corral.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Puts typed values into request bodies under the API's snake_case field names. */
final class Bodies {
    private Bodies() {
    }

    static void putTaints(ObjectNode body, List<Taint> taints) {
        ArrayNode array = body.putArray("taints");
        for (Taint t : taints) {
            ObjectNode o = array.addObject().put("key", t.key()).put("effect", t.effect());
            if (t.value() != null) {
                o.put("value", t.value());
            }
        }
    }

    static void putMap(ObjectNode body, String field, Map<String, ?> map) {
        body.set(field, Json.MAPPER.valueToTree(map));
    }
}
