package io.corral.bench.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
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
        new SseScanner(ids::add).feed(Buffer.buffer(STREAM));
        assertThat(ids).containsExactly(8L, 12L);
    }

    @Test
    void eventsSplitAcrossChunksAtAnyByteAreFound() {
        for (int cut = 1; cut < STREAM.length(); cut++) {
            List<Long> ids = new ArrayList<>();
            SseScanner scanner = new SseScanner(ids::add);
            scanner.feed(Buffer.buffer(STREAM.substring(0, cut)));
            scanner.feed(Buffer.buffer(STREAM.substring(cut)));
            assertThat(ids).as("cut at %d", cut).containsExactly(8L, 12L);
        }
    }
}
