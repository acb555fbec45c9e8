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

    static void putTolerations(ObjectNode body, List<Toleration> tolerations) {
        ArrayNode array = body.putArray("tolerations");
        for (Toleration t : tolerations) {
            ObjectNode o = array.addObject().put("key", t.key()).put("operator", t.operator());
            if (t.value() != null) {
                o.put("value", t.value());
            }
            if (t.effect() != null) {
                o.put("effect", t.effect());
            }
        }
    }

    static void putStrings(ObjectNode body, String field, List<String> values) {
        ArrayNode array = body.putArray(field);
        values.forEach(array::add);
    }

    static void putMap(ObjectNode body, String field, Map<String, ?> map) {
        body.set(field, Json.MAPPER.valueToTree(map));
    }
}
