package io.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.http.api.ShardMapEndpoint;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A held long-poll sends and receives nothing until it is answered, so the server's idle timeout must
 * outlast the longest hold a client can ask for (the maximum wait plus its jitter), or the connection is
 * closed before the long-poll answers. Idle keep-alive connections are still closed eventually.
 */
class HttpVerticleIdleTimeoutTest {

    @Test
    void idleTimeoutOutlastsTheLongestLongPollHold() {
        long idleMs = TimeUnit.SECONDS.toMillis(HttpVerticle.IDLE_TIMEOUT_SECONDS);
        assertThat(ShardMapEndpoint.LONGEST_HOLD_MS)
                .isGreaterThanOrEqualTo(ShardMapEndpoint.MAX_WAIT_MS + ShardMapEndpoint.MAX_WAIT_MS / 16);
        assertThat(idleMs).isGreaterThan(ShardMapEndpoint.LONGEST_HOLD_MS);
    }

    @Test
    void idleConnectionsAreStillClosedEventually() {
        assertThat((long) HttpVerticle.IDLE_TIMEOUT_SECONDS).isPositive().isLessThanOrEqualTo(TimeUnit.MINUTES.toSeconds(15));
    }
}
