package io.corral.server.http.api;

import io.corral.server.domain.Lifecycle;
import io.corral.server.http.SmallJson;

/**
 * The body of the native heartbeat's 200 reply: what a node's agent acts on and nothing more,
 * {@code {"data":{"status":…,"status_set_by_node":…,"status_changed_at_ms":…,"heartbeat_interval_ms":…}}}.
 * {@code status_changed_at_ms} (epoch milliseconds) tells an agent that its status changed even when
 * the status reads the same as before (a quick maintenance off and on).
 *
 * <p>The body is at most {@link #MAX_BYTES} for every status, any change time before the year 2286 and
 * any interval below 100 s. Netty's HTTP encoder copies a body that small into the buffer of the
 * response's headers, so each reply leaves in one buffer and one {@code send}; a longer body leaves as a
 * second buffer, which cost a server about 11% more CPU per heartbeat (docs/benchmarks.md, eighth session).
 */
final class HeartbeatReply {
    /** The longest body Netty's HTTP/1.1 encoder always merges into the headers' buffer. */
    static final int MAX_BYTES = 128;

    private HeartbeatReply() {
    }

    /** The reply's bytes for a node now in {@code status}, changed at {@code statusChangedAtMs}. */
    static byte[] render(Lifecycle status, boolean statusSetByNode, long statusChangedAtMs,
                         long heartbeatIntervalMs) {
        return new SmallJson().startObject().startObject("data")
                .field("status", status.wire())
                .field("status_set_by_node", statusSetByNode)
                .field("status_changed_at_ms", statusChangedAtMs)
                .field("heartbeat_interval_ms", heartbeatIntervalMs)
                .endObject().endObject().bytes();
    }
}
