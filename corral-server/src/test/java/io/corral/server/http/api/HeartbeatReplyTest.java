package io.corral.server.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.http.Json;
import org.junit.jupiter.api.Test;

/** The native heartbeat reply: the fields an agent reads, with their JSON types, in at most 128 bytes. */
class HeartbeatReplyTest {

    @Test
    void theReplyCarriesTheStatusWhoSetItWhenItChangedAndTheInterval() throws Exception {
        JsonNode d = Json.MAPPER.readTree(HeartbeatReply.render(Lifecycle.MAINTENANCE, true, 1_763_800_000_123L,
                5_000)).get("data");

        assertThat(d.get("status").asText()).isEqualTo("maintenance");
        assertThat(d.get("status_set_by_node").isBoolean()).isTrue();
        assertThat(d.get("status_set_by_node").asBoolean()).isTrue();
        assertThat(d.get("status_changed_at_ms").isIntegralNumber()).isTrue();
        assertThat(d.get("status_changed_at_ms").asLong()).isEqualTo(1_763_800_000_123L);
        assertThat(d.get("heartbeat_interval_ms").asLong()).isEqualTo(5_000);
        assertThat(d.size()).isEqualTo(4);
    }

    @Test
    void everyStatusFitsTheBoundWithTheLatestChangeTimeAndTheLongestInterval() {
        long latestChangeMs = 9_999_999_999_999L; // the year 2286: the last 13-digit epoch millisecond
        long longestIntervalMs = 99_999;
        for (Lifecycle status : Lifecycle.values()) {
            for (boolean setByNode : new boolean[] {true, false}) {
                byte[] reply = HeartbeatReply.render(status, setByNode, latestChangeMs, longestIntervalMs);
                assertThat(reply.length).as("reply for %s, set by node %s", status, setByNode)
                        .isLessThanOrEqualTo(HeartbeatReply.MAX_BYTES);
            }
        }
    }
}
