package io.corral.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Both handlers the benchmark times do a heartbeat's whole work and answer it, for each node in turn. */
class HeartbeatHandlerBenchmarkTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void eachOperationIsAnAcceptedHeartbeatOfTheNextNode() throws Exception {
        HeartbeatHandlerBenchmark b = new HeartbeatHandlerBenchmark();
        b.nodes = 3;
        b.otherBytesPerOp = 4096;
        b.setUp();
        try {
            for (int i = 0; i < 4; i++) {
                JsonNode reply = MAPPER.readTree(b.corral()).path("data");
                assertThat(reply.path("status").asText()).isEqualTo("active");
                assertThat(reply.path("heartbeat_interval_ms").asLong()).isEqualTo(1_000);
            }
            for (int i = 0; i < 4; i++) {
                JsonNode reply = MAPPER.readTree(b.baseline());
                assertThat(reply.path("acknowledged").asBoolean()).isTrue();
                assertThat(reply.path("node_id").asText()).isEqualTo("bench-" + ((i + 4) % 3));
            }
            assertThat(b.beatenNodes()).isEqualTo(3);
        } finally {
            b.tearDown();
        }
    }
}
