package io.corral.client;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads Server-Sent Events from a {@code text/event-stream} (the WHATWG HTML rules): lines end with LF,
 * CR or CRLF; a blank line dispatches the event gathered so far if it has data; {@code :} starts a
 * comment (keep-alives); a field's value drops one leading space; {@code id} carries over to later
 * events; {@code retry} and unknown fields are ignored; an event cut off by the end of the stream is
 * dropped. Not thread-safe.
 */
final class SseParser implements Closeable {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private final BufferedReader in;
    private String lastEventId;
    private boolean firstLine = true;

    SseParser(Reader in) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
    }

    /** The next event, blocking until it is complete; null when the stream ends. */
    ServerSentEvent next() throws IOException {
        StringBuilder data = null;
        String type = null;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new ServerSentEvent(lastEventId, type == null || type.isEmpty() ? "message" : type,
                            data.toString());
                }
                type = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                default -> {
                    // retry and fields this parser does not know are ignored, as the standard says
                }
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        String line = in.readLine();
        if (firstLine && line != null && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
        }
        firstLine = false;
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
