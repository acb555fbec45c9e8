package io.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-built JSON is byte for byte what Jackson writes for the same values. */
class SmallJsonTest {

    @Test
    void writesWhatJacksonWrites() {
        for (double d : new double[] {0.5, 1.5, 0.001, 12345.678, 1.0E7, 2.5E-5}) {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("a", true);
            inner.put("id", "node-1.a:b_c~d");
            inner.put("none", null);
            inner.put("n", 1234567890123L);
            inner.put("d", d);
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("data", inner);
            outer.put("after", false);
            byte[] small = new SmallJson().startObject().startObject("data").field("a", true)
                    .field("id", "node-1.a:b_c~d").field("none", (String) null).field("n", 1234567890123L)
                    .field("d", d).endObject().field("after", false).endObject().bytes();
            assertThat(new String(small, StandardCharsets.US_ASCII))
                    .isEqualTo(new String(Json.bytes(outer), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyLongAndALongDocumentAreWrittenAsJacksonWritesThem() {
        long[] numbers = {0, 7, -7, 10, -10, 99, 100, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1};
        Map<String, Object> expected = new LinkedHashMap<>();
        SmallJson small = new SmallJson().startObject();
        for (int i = 0; i < numbers.length; i++) {
            expected.put("n" + i, numbers[i]);
            small.field("n" + i, numbers[i]);
        }
        for (int i = 0; i < 40; i++) { // well past the first buffer
            expected.put("field-" + i, "value-" + i);
            small.field("field-" + i, "value-" + i);
        }
        assertThat(new String(small.endObject().bytes(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(Json.bytes(expected), StandardCharsets.UTF_8));
    }

    @Test
    void aTimeFieldIsTheStringJsonTimeGives() {
        long[] times = {-5, 0, 1, 951_782_400_000L, 1_700_000_000_123L, 253_402_300_799_999L, 253_402_300_800_000L,
            Long.MAX_VALUE};
        for (long ms : times) {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("at", Json.time(ms));
            expected.put("after", 1L);
            byte[] small = new SmallJson().startObject().timeField("at", ms).field("after", 1L).endObject().bytes();
            assertThat(new String(small, StandardCharsets.US_ASCII)).as("%d", ms)
                    .isEqualTo(new String(Json.bytes(expected), StandardCharsets.UTF_8));
        }
    }

    @Test
    void onlyPrintableAsciiWithoutQuotesOrBackslashesIsPlain() {
        assertThat(SmallJson.plain(null)).isTrue();
        assertThat(SmallJson.plain("web-1.zone:a_b~c")).isTrue();
        for (String s : new String[] {"a\"b", "a\\b", "tab\t", "é", "\u007f", "line\n"}) {
            assertThat(SmallJson.plain(s)).as(s).isFalse();
        }
    }
}
