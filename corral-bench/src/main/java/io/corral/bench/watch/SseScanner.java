package io.corral.bench.watch;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Finds the ids of {@code change} events in a Server-Sent Event stream fed in arbitrary chunks, without
 * decoding the events' data: only the bytes of the event being read are kept, in one growing array that
 * is scanned directly. One instance per stream; not thread-safe (a stream's chunks arrive on one event
 * loop).
 */
final class SseScanner {
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANGE = "event: change\n".getBytes(StandardCharsets.US_ASCII);

    private final LongConsumer onChangeId;
    private byte[] pending = new byte[4096];
    private int length;

    SseScanner(LongConsumer onChangeId) {
        this.onChangeId = onChangeId;
    }

    /** Consumes one chunk (its readable bytes; the buffer is not changed), reporting every completed change id. */
    void feed(ByteBuf chunk) {
        int n = chunk.readableBytes();
        if (length + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(2 * pending.length, length + n));
        }
        int scanFrom = Math.max(0, length - 1);
        chunk.getBytes(chunk.readerIndex(), pending, length, n);
        length += n;
        int start = 0;
        for (int i = scanFrom; i + 1 < length; i++) {
            if (pending[i] == '\n' && pending[i + 1] == '\n') {
                event(start, i + 1);
                start = i + 2;
                i++;
            }
        }
        if (start > 0) {
            System.arraycopy(pending, start, pending, 0, length - start);
            length -= start;
        }
    }

    /** The event in {@code [from, to)} of the pending bytes, its last line ending included. */
    private void event(int from, int to) {
        if (!startsWith(from, ID)) {
            return;
        }
        long id = 0;
        int i = from + ID.length;
        for (; i < to && pending[i] != '\n'; i++) {
            id = id * 10 + (pending[i] - '0');
        }
        if (startsWith(i + 1, CHANGE)) {
            onChangeId.accept(id);
        }
    }

    private boolean startsWith(int at, byte[] prefix) {
        if (at + prefix.length > length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (pending[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
