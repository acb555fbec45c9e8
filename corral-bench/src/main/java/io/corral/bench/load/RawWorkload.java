package io.corral.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link NettyLoadRunner} sends: whole HTTP/1.1 requests as prepared bytes, one kind of request
 * with one expected status. Each connection asks for its next request as soon as its previous one has
 * been answered. Calls for one connection always come from the same thread, one at a time; calls for
 * different connections may come from different threads at once.
 */
public interface RawWorkload {

    /** The latency series the requests are counted in, e.g. {@code "heartbeat"}. */
    String kind();

    /** The HTTP status that counts as success; any other is an error. */
    int expectedStatus();

    /**
     * The next request for {@code connection}: a buffer the runner writes, which releases it, so a prepared
     * request is handed out as a {@link ByteBuf#retainedDuplicate() retained duplicate} or as a duplicate of
     * an {@link io.netty.buffer.Unpooled#unreleasableBuffer unreleasable} buffer.
     */
    ByteBuf next(int connection);
}
