package io.corral.server.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ApiKey;
import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterMaintenance;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.MoveProgress;
import io.corral.server.domain.Operation;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.policies.placement.Toleration;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Role;
import io.corral.server.domain.Taint;
import io.corral.server.domain.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every record type survives the log's encoding unchanged, alone and framed in batches. */
class RecordCodecTest {

    /** One of each record type, with every field set to something a round trip could lose. */
    static List<Record> oneOfEach() {
        Node full = richNode("web-1", 7, Lifecycle.INACTIVE, Lifecycle.DRAINING);
        Node sparse = new Node("18446744073709551615", 3, "default", "n", "worker", NodeAddresses.NONE, Map.of(),
                List.of(), null, null, 1.0, Lifecycle.ACTIVE, null, null, Map.of(), null, null, null, false, null, 0,
                0, 0);
        return List.of(
                new WorkspaceCreated(new Workspace("team-a", "Team \"A\" ü", "eu-west", Map.of("tier", "gold"), 17L),
                        17L, "key:k1"),
                new WorkspaceCreated(new Workspace("b", "b", null, Map.of(), 0L), 0L, "system:bootstrap"),
                new WorkspaceDeleted("team-a", 18L, "key:k1"),
                new NodeRegistered(full, 19L, "node:web-1"),
                new NodeRegistered(sparse, 19L, "anonymous"),
                new NodeUpdated(full, "labels, metadata", 20L, "key:k2"),
                new NodeStatusChanged("web-1", Lifecycle.INACTIVE, Lifecycle.DRAINING, "no heartbeat for 15001 ms",
                        21L, "system:failure-detector"),
                new NodeStatusChanged("web-1", Lifecycle.DRAINING, null, null, 22L, "system:failure-detector"),
                new NodeRemoved("web-1", "decommissioned", 23L, "key:k2"),
                new NodeRemoved("web-2", null, 24L, "key:k2"),
                new ApiKeyCreated(new ApiKey("k1", "ops", Role.OPERATOR, Set.of("team-a", "team-b"),
                        "ab".repeat(32), 25L, "key:k0"), 25L, "key:k0"),
                new ApiKeyCreated(new ApiKey("k9", "all", Role.ADMIN, Set.of("*"), "cd".repeat(32), 26L,
                        "system:bootstrap"), 26L, "system:bootstrap"),
                new ApiKeyRevoked("k1", Long.MAX_VALUE, "key:k0"),
                new ResourceCreated(fullResource(), 27L, "key:k1"),
                new ResourceCreated(new Resource("default", "quiver", "collection", RoutingStyle.RENDEZVOUS, List.of(),
                        1, 1, null, Map.of(), List.of(), false, 0, null, 0L, 0L), 27L, "system:bootstrap"),
                new ResourceUpdated(fullResource(), "partitions", 28L, "key:k1"),
                new ResourceDeleted("default", "db.cpu", 29L, "key:k1"),
                new ShardsChanged("default", "db.cpu", List.of(
                        new Shard(0, Shard.State.ACTIVE, List.of(
                                new Replica("web-1", null, Replica.Role.LEADER, Replica.State.ACTIVE),
                                new Replica("web-2", null, Replica.Role.FOLLOWER, Replica.State.JOINING))),
                        new Shard(7, Shard.State.JOINING, List.of(
                                new Replica(null, "http://10.0.0.9:6333", Replica.Role.LEADER, Replica.State.ACTIVE)))),
                        List.of(3L, 4L), 8L, "re-placement", 30L, "system:rebalancer"),
                new ShardsChanged("default", "db.cpu", List.of(), List.of(), 0L, null, 31L, "system:rebalancer"),
                new ClusterMaintenanceChanged(new ClusterMaintenance("network work", "key:k0", 32L), 32L, "key:k0"),
                new ClusterMaintenanceChanged(null, 33L, "key:k0"),
                new MoveRecorded(new Move("m7", "default", "db.cpu", 3, "web-1", "web-2", "web-1",
                        MovePhase.CATCH_UP, 2, 34L, 30L, 35L, "drain", "snapshot timed out",
                        new MoveProgress(10, 100, 1_000, 10_000, 35L), "op-1"), 35L, "node:web-2"),
                new MoveRecorded(new Move("m8", "default", "db.cpu", 4, null, "web-3", "web-1", MovePhase.DONE, 1,
                        36L, 36L, 36L, null, null, MoveProgress.NONE, null), 36L, "system:move-supervisor"),
                new OperationRecorded(new Operation("op9", "default", Operation.REBALANCE, Operation.State.RUNNING, 36L,
                        0L, "key:k0"), 36L, "key:k0"),
                new OperationRecorded(new Operation("op9", "default", Operation.REBALANCE, Operation.State.CANCELLED,
                        36L, 37L, "key:k0"), 37L, "key:k0"),
                new ResourceThresholdsSet("default", new ResourceThresholds(80.0, 90.0, null, 5.0), 37L, "key:k0"),
                new ResourceThresholdCrossed("web-1", "cpu", true, 93.5, 80.0, 38L, "system:telemetry"),
                new WebhookCreated(new Webhook("wh1", "default", "http://127.0.0.1:9/hook", List.of("node.deleted"),
                        "s3cr3t", 39L, "key:k0"), 39L, "key:k0"),
                new WebhookDeleted("wh1", 40L, "key:k0"),
                new WebhookAttempted(12L, 2, 500, "server error", false, 41_000L, 41L, "system:webhooks"),
                new AutoscaleSettingsSet("default", new AutoscaleSettings(true, "memory_percent", 80.5, 20.25, 2, 9,
                        1_500, 600_000), 42L, "key:k0"),
                new AutoscaleActed("default", AutoscaleAction.SCALE_OUT, "web-3", "keys on node web-1 is 1500, "
                        + "above the high water 1000", 43L, "system:autoscaler"),
                new AutoscaleSkipped("default", "standby_pool_empty", "the standby pool is empty", 44L,
                        "system:autoscaler"),
                new RingMigrationRecorded(new RingMigration(3, "default", "quiver", RingMigration.Kind.GROW, 7,
                        "http://10.0.0.9:6333", List.of(new RingMember(0, "http://10.0.0.1:6333"),
                        new RingMember(Long.MAX_VALUE, "http://10.0.0.2:6333")), RingMigrationPhase.REVERTED,
                        "shard http://10.0.0.9:6333 returned 500: \"boom\" ü", 40L, 42L, "key:k0"), 42L,
                        "system:ring-migrations"),
                new RingMigrationRecorded(new RingMigration(4, "default", "quiver", RingMigration.Kind.DRAIN, 1,
                        "http://10.0.0.2:6333", List.of(), RingMigrationPhase.GRACE_BEFORE, null, 43L, 43L, "key:k0"),
                        43L, "key:k0"));
    }

    static Resource fullResource() {
        return new Resource("default", "db.cpu", "table", RoutingStyle.PARTITIONED, List.of("host", "region"), 16, 3,
                86_400_000L, Map.of("disk", "ssd"), List.of(new Toleration("dedicated", "Equal", "db", "NoSchedule"),
                        new Toleration(null, "Exists", null, null)), true, 2, DataMovement.STAGED, 5L, 6L);
    }

    static Node richNode(String id, long seq, Lifecycle status, Lifecycle resume) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("cores", 8);
        metadata.put("bytes", 12_000_000_000L);
        metadata.put("ratio", 0.25);
        metadata.put("ok", true);
        metadata.put("none", null);
        metadata.put("tags", List.of("a", "b"));
        metadata.put("nested", Map.of("k", List.of(1, Map.of("deep", "x"))));
        metadata.put("unicode", "日本語 ✓");
        return new Node(id, seq, "default", "Web 1", "worker",
                new NodeAddresses("http://10.0.0.1:8080", "10.0.0.1:8082", "10.0.0.1:8081"),
                Map.of("env", "prod", "example.com/team", "db"),
                List.of(new Taint("dedicated", "db", "NoSchedule"), new Taint("gpu", null, "NoExecute")), "z1", "r1",
                2.5, status, resume, "because", metadata, "plan-1", "aws", "web-0", true, "ef".repeat(32), 1L, 2L, 3L);
    }

    /** The concrete record classes below a sealed type, descending into sealed sub-interfaces. */
    static List<Class<?>> concreteRecordTypes(Class<?> sealed) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                out.addAll(concreteRecordTypes(c));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyRecordTypeIsCovered() {
        Set<Class<?>> covered = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(concreteRecordTypes(Record.class));
    }

    @Test
    void eachRecordRoundTrips() {
        for (Record r : oneOfEach()) {
            byte[] encoded = RecordCodec.encode(r);
            assertThat(RecordCodec.decode(encoded)).as(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(r);
        }
    }

    @Test
    void theLogFormatIsWhatAPlainObjectMapperWrites() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Record r : oneOfEach()) {
            assertThat(new String(RecordCodec.encode(r), StandardCharsets.UTF_8))
                    .isEqualTo(new String(plain.writeValueAsBytes(r), StandardCharsets.UTF_8));
        }
    }

    @Test
    void batchesRoundTripInOrder() {
        List<Record> all = oneOfEach();
        assertThat(RecordCodec.decodeBatch(RecordCodec.encodeBatch(all))).containsExactlyElementsOf(all);
        assertThat(RecordCodec.decodeBatch(RecordCodec.encodeBatch(List.of()))).isEmpty();

        List<byte[]> encoded = new ArrayList<>();
        for (Record r : all) {
            encoded.add(RecordCodec.encode(r));
        }
        assertThat(RecordCodec.frame(encoded)).isEqualTo(RecordCodec.encodeBatch(all));
    }

    @Test
    void unknownFieldsInOldOrNewerEntriesAreIgnored() {
        String json = "{\"t\":\"NodeRemoved\",\"nodeId\":\"web-1\",\"reason\":\"x\",\"atMs\":5,\"actor\":\"key:k\","
                + "\"addedLater\":{\"a\":1}}";
        assertThat(RecordCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new NodeRemoved("web-1", "x", 5, "key:k"));
    }
}
