package io.corral.agent.moves;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open transfer from a donor: the export's position and sizes (-1 when unknown) and its body, read
 * once. Closing it releases the connection.
 */
public record Transfer(long position, long itemsTotal, long bytesTotal, InputStream body) implements Closeable {
    @Override
    public void close() throws IOException {
        body.close();
    }
}
