package io.corral.agent.moves;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a donor hands out for a snapshot or a catch-up: the position in its write log the data reaches
 * (the next catch-up starts after it), the size when known ({@code -1} when not), and the body, written
 * once to the transfer. The position is opaque to Corral; only the donor interprets it.
 *
 * @param position   the donor's log position this export is consistent with
 * @param itemsTotal number of items (keys, log entries) in the body, or -1
 * @param bytesTotal size of the body in bytes, or -1
 */
public record ShardExport(long position, long itemsTotal, long bytesTotal, Body body) {

    /** Writes the export's data; called at most once, on the thread serving the transfer. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
