package io.corral.server.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Taint;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node view written straight to bytes: every documented field, in order, with the JSON types a client reads. */
class NodeViewsTest {
    private static final long T0 = 1_763_800_000_123L;

    private static Node node(Map<String, String> labels, Map<String, Object> metadata) {
        return new Node("n-1", 42, "default", "node one", "worker",
                new NodeAddresses("http://10.0.0.1:8080", "10.0.0.1:9000", null), labels,
                List.of(new Taint("dedicated", "db", "NoSchedule")), "z1", "eu", 2.0, Lifecycle.MAINTENANCE,
                Lifecycle.ACTIVE, "kernel \"upgrade\"", metadata, "plan-s", "hexabase", null, true, "hash",
                T0, T0 + 1, T0 + 2);
    }

    private static JsonNode data(byte[] bytes) throws Exception {
        return Json.MAPPER.readTree(bytes).get("data");
    }

    @Test
    void everyFieldIsWrittenInOrderWithItsType() throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("rack", "r7");
        metadata.put("slots", 12);
        metadata.put("disks", List.of(Map.of("size_gb", 512)));
        HeartbeatTracker.Beat beat = new HeartbeatTracker.Beat(T0 + 3, Map.of("cpu", 0.41));
        String text = new String(NodeViews.nodeData(node(Map.of("tier", "hot"), metadata), beat), StandardCharsets.UTF_8);
        JsonNode d = data(text.getBytes(StandardCharsets.UTF_8));

        List<String> fields = new ArrayList<>();
        d.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "seq", "name", "workspace_id", "role", "status", "status_reason",
                "serving", "addresses", "labels", "taints", "zone", "region", "capacity_weight", "metadata", "plan_id",
                "provider", "replica_of", "monitored", "created_at", "updated_at", "status_changed_at",
                "last_heartbeat", "heartbeat_metrics");
        assertThat(d.get("seq").isIntegralNumber()).isTrue();
        assertThat(d.get("status").asText()).isEqualTo("maintenance");
        assertThat(d.get("status_reason").asText()).isEqualTo("kernel \"upgrade\"");
        assertThat(d.get("serving").asBoolean()).isFalse();
        assertThat(d.at("/addresses/url").asText()).isEqualTo("http://10.0.0.1:8080");
        assertThat(d.at("/addresses/http_address").isNull()).isTrue();
        assertThat(d.at("/labels/tier").asText()).isEqualTo("hot");
        assertThat(d.at("/taints/0/effect").asText()).isEqualTo("NoSchedule");
        assertThat(text).contains("\"capacity_weight\":2.0");
        assertThat(d.at("/metadata/slots").asInt()).isEqualTo(12);
        assertThat(d.at("/metadata/disks/0/size_gb").asInt()).isEqualTo(512);
        assertThat(d.get("replica_of").isNull()).isTrue();
        assertThat(d.get("created_at").asText()).isEqualTo(Json.time(T0));
        assertThat(d.get("status_changed_at").asText()).isEqualTo(Json.time(T0 + 2));
        assertThat(d.get("last_heartbeat").asText()).isEqualTo(Json.time(T0 + 3));
        assertThat(d.at("/heartbeat_metrics/cpu").asDouble()).isEqualTo(0.41);
    }

    @Test
    void absentMapsAndHeartbeatsAreWrittenAsDocumented() throws Exception {
        JsonNode d = data(NodeViews.nodeData(node(null, Map.of()), null));
        assertThat(d.get("labels").isNull()).isTrue();
        assertThat(d.get("metadata").isObject()).isTrue();
        assertThat(d.get("metadata").size()).isZero();
        assertThat(d.get("last_heartbeat").isNull()).isTrue();
        assertThat(d.get("heartbeat_metrics").isObject()).isTrue();
        assertThat(d.get("heartbeat_metrics").size()).isZero();
        assertThat(NodeViews.nodeData(node(Map.of(), null), null)).isNotEmpty();
        assertThat(data(NodeViews.nodeData(node(Map.of(), null), null)).get("metadata").size()).isZero();
    }
}
