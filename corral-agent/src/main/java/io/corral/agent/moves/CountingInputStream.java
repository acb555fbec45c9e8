package io.corral.agent.moves;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Counts the bytes read, tells {@code onBytes} the running total, and fails every read with an
 * {@link InterruptedIOException} once {@code cancelled} says so, so an import of a superseded phase stops.
 */
final class CountingInputStream extends FilterInputStream {
    private final BooleanSupplier cancelled;
    private final LongConsumer onBytes;
    private long count;

    CountingInputStream(InputStream in, BooleanSupplier cancelled, LongConsumer onBytes) {
        super(in);
        this.cancelled = cancelled;
        this.onBytes = onBytes;
    }

    private void check() throws InterruptedIOException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedIOException("the move's phase was superseded");
        }
    }

    @Override
    public int read() throws IOException {
        check();
        int b = super.read();
        if (b >= 0) {
            onBytes.accept(++count);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            onBytes.accept(count);
        }
        return n;
    }

    long count() {
        return count;
    }
}
