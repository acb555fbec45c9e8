package io.corral.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object body read with Jackson's streaming parser, keeping only a few top-level fields: one
 * object field, read straight into a map, and some string fields. It answers exactly as {@link JsonBody}
 * does for the same bytes and fields, without building a tree: the same {@code INVALID_JSON} errors for
 * a body that is not a JSON object (an empty or blank body reads as {@code {}} when allowed), the same
 * {@code VALIDATION_FAILED} error when a kept field has the wrong type (thrown when the field is read),
 * absent and {@code null} both reading as null, the last of repeated keys winning, and the same Java
 * types in the map as {@link JsonBody#objectMap} gives (Integer, Long or BigInteger for integers, Double
 * for other numbers, String, Boolean, null, LinkedHashMap, ArrayList). Other fields are only checked to be
 * valid JSON.
 */
public final class StreamedBody {
    /** Marks a kept field whose value has the wrong type. */
    private static final Object WRONG_TYPE = new Object();
    private final String objectField;
    private final String[] stringFields;
    /**
     * The kept values: {@code objectField}'s at 0, {@code stringFields[i]}'s at {@code i + 1}; null when absent
     * or JSON null, {@link #WRONG_TYPE} when of the wrong type.
     */
    private final Object[] values;

    private StreamedBody(String objectField, String[] stringFields, Object[] values) {
        this.objectField = objectField;
        this.stringFields = stringFields;
        this.values = values;
    }

    /**
     * Reads {@code bytes}, keeping {@code objectField} (an object) and {@code stringFields} (strings; the array
     * is kept, not copied, so a caller may pass the same constant array every time).
     * Throws {@code INVALID_JSON} when the body is not a JSON object.
     */
    public static StreamedBody read(byte[] bytes, boolean emptyAllowed, String objectField, String... stringFields) {
        Object[] values = new Object[1 + stringFields.length];
        if (bytes == null || bytes.length == 0 || isBlank(bytes)) {
            if (emptyAllowed) {
                return new StreamedBody(objectField, stringFields, values);
            }
            throw new CorralException(ErrorCode.INVALID_JSON, "a JSON object body is required");
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new CorralException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                int kept;
                if (field.equals(objectField)) {
                    values[0] = t == JsonToken.START_OBJECT ? readObject(p) : other(p, t);
                } else if ((kept = indexOf(stringFields, field)) >= 0) {
                    values[kept + 1] = t == JsonToken.VALUE_STRING ? p.getText() : other(p, t);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new CorralException(ErrorCode.INVALID_JSON, "the body is not valid JSON: " + msg);
        }
        return new StreamedBody(objectField, stringFields, values);
    }

    /** Null for JSON null, else skips the value and marks it as of the wrong type. */
    private static Object other(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        return WRONG_TYPE;
    }

    /** The position of {@code field} in {@code fields}, -1 when it is not there. */
    private static int indexOf(String[] fields, String field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String field;
        while ((field = p.nextFieldName()) != null) {
            out.put(field, readValue(p, p.nextToken()));
        }
        return out;
    }

    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> readArray(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private static List<Object> readArray(JsonParser p) throws IOException {
        List<Object> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(readValue(p, t));
        }
        return out;
    }

    private static CorralException wrongType(String field, String expected) {
        return CorralException.invalid(field, "field '" + field + "' must be " + expected);
    }

    /** The object field, as {@link JsonBody#objectMap} reads it. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        Object v = values[0];
        if (v == WRONG_TYPE) {
            throw wrongType(objectField, "an object");
        }
        return (Map<String, Object>) v;
    }

    /** A kept string field, as {@link JsonBody#string} reads it. */
    public String string(String field) {
        int kept = indexOf(stringFields, field);
        Object v = kept < 0 ? null : values[kept + 1];
        if (v == WRONG_TYPE) {
            throw wrongType(field, "a string");
        }
        return (String) v;
    }
}
