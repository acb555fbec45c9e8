package io.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.CorralException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed reader answers every body exactly as {@link JsonBody} does for the same fields. */
class StreamedBodyTest {

    /** What reading a body gives: the values (with their Java types) or the error's code and message. */
    private static String outcome(Function<byte[], Object[]> reader, byte[] body) {
        try {
            return Arrays.deepToString(reader.apply(body)) + " " + types(reader.apply(body));
        } catch (CorralException e) {
            return e.code() + ": " + e.getMessage() + " " + e.details();
        }
    }

    private static String types(Object[] values) {
        StringBuilder out = new StringBuilder();
        for (Object v : values) {
            describe(v, out);
        }
        return out.toString();
    }

    private static void describe(Object v, StringBuilder out) {
        out.append(v == null ? "null" : v.getClass().getSimpleName()).append(';');
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> {
                out.append(k).append('=');
                describe(x, out);
            });
        } else if (v instanceof List<?> l) {
            l.forEach(x -> describe(x, out));
        }
    }

    private static Object[] viaTree(byte[] body) {
        JsonBody b = JsonBody.parse(body, true);
        return new Object[] {b.objectMap("metrics"), b.string("status"), b.string("status_origin")};
    }

    private static Object[] viaStream(byte[] body) {
        StreamedBody b = StreamedBody.read(body, true, "metrics", "status", "status_origin");
        return new Object[] {b.object(), b.string("status"), b.string("status_origin")};
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   \n", "{}", "{\"metrics\":{\"cpu\":0.41,\"mem\":0.62,\"connections\":142}}",
        "{\"metrics\":{\"big\":12345678901,\"huger\":123456789012345678901234567890,\"neg\":-3,\"e\":1e3}}",
        "{\"metrics\":{\"s\":\"x\\u00e9\",\"b\":true,\"f\":false,\"n\":null,\"list\":[1,[2.5,\"a\"],{\"k\":null}],"
                + "\"nested\":{\"a\":{\"b\":1}}}}",
        "{\"metrics\":null,\"status\":null,\"status_origin\":null}",
        "{\"metrics\":3}", "{\"metrics\":[1,2]}", "{\"metrics\":\"x\"}",
        "{\"status\":5}", "{\"status\":{\"a\":1}}", "{\"status\":\"maintenance\",\"status_origin\":\"coordinator\"}",
        "{\"status_origin\":[],\"metrics\":{}}", "{\"metrics\":1,\"status\":2}",
        "{\"metrics\":{\"a\":1},\"metrics\":{\"b\":2}}", "{\"metrics\":{\"a\":1,\"a\":2,\"b\":3}}",
        "{\"status\":1,\"status\":\"active\"}", "{\"status\":\"active\",\"status\":1}",
        "{\"other\":{\"deep\":[1,2,{\"x\":null}]},\"metrics\":{\"cpu\":1}}",
        "{\"metrics\":{\"cpu\":1}} trailing", "[1]", "[1,", "5", "\"text\"", "null", "true",
        "{", "{\"metrics\":", "{\"metrics\":{\"cpu\":}}", "{\"a\":1,}", "{\"other\":[1,}", "nonsense",
        "{\"metrics\":{\"cpu\":01}}", "{'metrics':1}", "{\"metrics\":{\"x\":NaN}}"
    })
    void readsEveryBodyAsTheTreeReaderDoes(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String expected = outcome(StreamedBodyTest::viaTree, bytes);
        assertThat(outcome(StreamedBodyTest::viaStream, bytes)).isEqualTo(expected);
    }

    @Test
    void theSameFieldArrayServesEveryReadAndAFieldNotKeptReadsAsNull() {
        String[] kept = {"status", "status_origin"};
        byte[] first = "{\"status\":\"active\",\"other\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"status_origin\":\"node\",\"metrics\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
        StreamedBody a = StreamedBody.read(first, true, "metrics", kept);
        StreamedBody b = StreamedBody.read(second, true, "metrics", kept);
        assertThat(kept).containsExactly("status", "status_origin");
        assertThat(a.string("status")).isEqualTo("active");
        assertThat(a.string("status_origin")).isNull();
        assertThat(a.string("other")).isNull();
        assertThat(a.object()).isNull();
        assertThat(b.string("status")).isNull();
        assertThat(b.string("status_origin")).isEqualTo("node");
        assertThat(b.object()).containsEntry("a", 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{}", "[]", "{\"metadata\":[]}"})
    void anEmptyBodyIsRefusedWhenNotAllowedAsByTheTreeReader(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String tree;
        try {
            tree = Objects.toString(JsonBody.parse(bytes, false).objectMap("metadata"));
        } catch (CorralException e) {
            tree = e.code() + ": " + e.getMessage();
        }
        String stream;
        try {
            stream = Objects.toString(StreamedBody.read(bytes, false, "metadata").object());
        } catch (CorralException e) {
            stream = e.code() + ": " + e.getMessage();
        }
        assertThat(stream).isEqualTo(tree);
    }
}
