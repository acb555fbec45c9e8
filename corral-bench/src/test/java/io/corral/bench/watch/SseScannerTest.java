package io.corral.bench.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseScannerTest {
    private static final String STREAM = ": connected\n\n"
            + "id: 7\nevent: snapshot\ndata: {\"version\":7}\n\n"
            + "id: 8\nevent: change\ndata: {\"version\":8}\n\n"
            + ": keepalive\n\n"
            + "id: 12\nevent: change\ndata: {\"version\":12}\n\n";

    @Test
    void reportsTheIdsOfChangeEventsOnly() {
        List<Long> ids = new ArrayList<>();
        new SseScanner(ids::add).feed(bytes(STREAM));
        assertThat(ids).containsExactly(8L, 12L);
    }

    @Test
    void eventsSplitAcrossChunksAtAnyByteAreFound() {
        for (int cut = 1; cut < STREAM.length(); cut++) {
            List<Long> ids = new ArrayList<>();
            SseScanner scanner = new SseScanner(ids::add);
            scanner.feed(bytes(STREAM.substring(0, cut)));
            scanner.feed(bytes(STREAM.substring(cut)));
            assertThat(ids).as("cut at %d", cut).containsExactly(8L, 12L);
        }
    }

    @Test
    void aStreamFedOneByteAtATimeWithEventsLongerThanTheBufferIsScannedWhole() {
        StringBuilder stream = new StringBuilder();
        List<Long> expected = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            stream.append("id: ").append(id).append("\nevent: change\ndata: {\"pad\":\"").append("x".repeat(id % 50 == 0 ? 9_000 : 100))
                    .append("\"}\n\n");
            expected.add(id);
        }
        List<Long> ids = new ArrayList<>();
        SseScanner scanner = new SseScanner(ids::add);
        for (char c : stream.toString().toCharArray()) {
            scanner.feed(bytes(String.valueOf(c)));
        }
        assertThat(ids).isEqualTo(expected);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
