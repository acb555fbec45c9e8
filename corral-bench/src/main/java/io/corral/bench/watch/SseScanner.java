package io.corral.bench.watch;

import io.vertx.core.buffer.Buffer;
import java.util.function.LongConsumer;

/**
 * Finds the ids of {@code change} events in a Server-Sent Event stream fed in arbitrary chunks, without
 * decoding the events' data: only the bytes of the event being read are kept. One instance per stream;
 * not thread-safe (a stream's chunks arrive on one event loop).
 */
final class SseScanner {
    private static final byte[] ID = "id: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CHANGE = "event: change\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LongConsumer onChangeId;
    private Buffer pending = Buffer.buffer();

    SseScanner(LongConsumer onChangeId) {
        this.onChangeId = onChangeId;
    }

    /** Consumes one chunk, reporting the id of every {@code change} event it completes. */
    void feed(Buffer chunk) {
        Buffer data = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
        int start = 0;
        int n = data.length();
        for (int i = 0; i + 1 < n; i++) {
            if (data.getByte(i) == '\n' && data.getByte(i + 1) == '\n') {
                event(data, start, i + 1);
                start = i + 2;
                i++;
            }
        }
        pending = start == n ? Buffer.buffer() : data.getBuffer(start, n);
    }

    /** The event in {@code [from, to)}, its last line ending included. */
    private void event(Buffer data, int from, int to) {
        if (!startsWith(data, from, ID)) {
            return;
        }
        long id = 0;
        int i = from + ID.length;
        for (; i < to && data.getByte(i) != '\n'; i++) {
            id = id * 10 + (data.getByte(i) - '0');
        }
        if (startsWith(data, i + 1, CHANGE)) {
            onChangeId.accept(id);
        }
    }

    private static boolean startsWith(Buffer data, int at, byte[] prefix) {
        if (at + prefix.length > data.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (data.getByte(at + k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
