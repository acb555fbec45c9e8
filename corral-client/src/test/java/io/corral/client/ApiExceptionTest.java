package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void parsesTheNativeErrorBody() {
        ApiException e = ApiException.fromResponse(404, "{\"error\": {\"code\": \"NODE_NOT_FOUND\","
                + " \"message\": \"node 'web-1' not found\", \"details\": {\"node_id\": \"web-1\"}}}");

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("NODE_NOT_FOUND");
        assertThat(e.getMessage()).isEqualTo("node 'web-1' not found");
        assertThat(e.details().path("node_id").asText()).isEqualTo("web-1");
    }

    @Test
    void missingMessageAndDetailsBecomeEmptyNotNull() {
        ApiException e = ApiException.fromResponse(403, "{\"error\": {\"code\": \"FORBIDDEN\"}}");

        assertThat(e.code()).isEqualTo("FORBIDDEN");
        assertThat(e.getMessage()).isEmpty();
        assertThat(e.details().isObject()).isTrue();
        assertThat(e.details().size()).isZero();
    }

    @Test
    void aForeignBodyKeepsTheStatusAndTheStartOfTheText() {
        ApiException e = ApiException.fromResponse(502, "<html><body>Bad Gateway</body></html>\n");

        assertThat(e.code()).isEqualTo("HTTP_502");
        assertThat(e.getMessage()).isEqualTo("<html><body>Bad Gateway</body></html>");
    }

    @Test
    void aLongForeignBodyIsCut() {
        ApiException e = ApiException.fromResponse(500, "x".repeat(5_000));

        assertThat(e.getMessage()).hasSize(201).endsWith("…");
    }

    @Test
    void jsonWithoutAnErrorObjectIsForeign() {
        ApiException e = ApiException.fromResponse(400, "{\"message\": \"nope\"}");

        assertThat(e.code()).isEqualTo("HTTP_400");
        assertThat(e.getMessage()).contains("nope");
    }

    @Test
    void anEmptyBodySaysSo() {
        ApiException e = ApiException.fromResponse(503, "");

        assertThat(e.code()).isEqualTo("HTTP_503");
        assertThat(e.getMessage()).contains("503").contains("no error body");
    }
}
