package io.corral.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Taint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request body that must be a JSON object, with typed accessors that reject a wrong type with a
 * {@code VALIDATION_FAILED} error naming the field. "Absent" and JSON {@code null} both read as null.
 */
public final class JsonBody {
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses {@code bytes}; an empty body reads as {@code {}} when {@code emptyAllowed}. */
    public static JsonBody parse(byte[] bytes, boolean emptyAllowed) {
        if (bytes == null || bytes.length == 0 || isBlank(bytes)) {
            if (emptyAllowed) {
                return new JsonBody(Json.object());
            }
            throw new CorralException(ErrorCode.INVALID_JSON, "a JSON object body is required");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new CorralException(ErrorCode.INVALID_JSON, "the body is not valid JSON: " + msg);
        }
        if (!(tree instanceof ObjectNode obj)) {
            throw new CorralException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        return new JsonBody(obj);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    public ObjectNode tree() {
        return node;
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** Whether the field is present at all, even as null. */
    public boolean present(String field) {
        return node.has(field);
    }

    private JsonNode get(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private static CorralException wrongType(String field, String expected) {
        return CorralException.invalid(field, "field '" + field + "' must be " + expected);
    }

    public String string(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return v.asText();
    }

    public String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw CorralException.invalid(field, "field '" + field + "' is required");
        }
        return s;
    }

    public Boolean bool(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return v.asBoolean();
    }

    public Double number(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(field, "a number");
        }
        return v.asDouble();
    }

    /** An integer in {@code [min, max]}. */
    public Long integer(String field, long min, long max) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw CorralException.invalid(field, "field '" + field + "' must be between " + min + " and " + max
                    + ", got " + n);
        }
        return n;
    }

    /** An unsigned 64-bit integer, given as a JSON number (or a decimal string when {@code stringAllowed}). */
    public Long u64(String field, boolean stringAllowed) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        String text;
        if (v.isIntegralNumber()) {
            text = v.bigIntegerValue().toString();
        } else if (stringAllowed && v.isTextual()) {
            text = v.asText();
        } else {
            throw wrongType(field, "an unsigned 64-bit integer");
        }
        try {
            if (text.startsWith("-") || text.startsWith("+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw CorralException.invalid(field, "field '" + field + "' must be an unsigned 64-bit integer, got " + text);
        }
    }

    public Map<String, String> stringMap(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw CorralException.invalid(field, "field '" + field + "." + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    public Map<String, Object> objectMap(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object");
        }
        return Json.MAPPER.convertValue(v, OBJECT_MAP);
    }

    public List<String> stringList(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw CorralException.invalid(field, "field '" + field + "' must contain only strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    public Set<String> stringSet(String field) {
        List<String> list = stringList(field);
        return list == null ? null : new LinkedHashSet<>(list);
    }

    public List<Taint> taints(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(field, "an array of {key, value, effect} objects");
        }
        List<Taint> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isObject() || !e.path("key").isTextual() || !e.path("effect").isTextual()
                    || !(e.path("value").isTextual() || e.path("value").isMissingNode() || e.path("value").isNull())) {
                throw CorralException.invalid(field, "each taint must be {\"key\": string, \"value\": string, "
                        + "\"effect\": NoSchedule|PreferNoSchedule|NoExecute}");
            }
            out.add(new Taint(e.get("key").asText(), e.path("value").isTextual() ? e.get("value").asText() : null,
                    e.get("effect").asText()));
        }
        return out;
    }
}
