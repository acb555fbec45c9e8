package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client against a real coordinator, for the calls the CLI does not make (heartbeat, update,
 * status, events, node tokens). It lives in corral-cli because this module already has the server's
 * test jar; corral-client itself stays free of a server dependency.
 */
class ClientAgainstServerTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static CorralClient admin;

    @BeforeAll
    static void start() throws Exception {
        // A ten-minute node timeout: nodes that never heartbeat keep their status however slow the test is.
        server = TestServer.start(dir, 1_000, 600_000, false);
        admin = CorralClient.builder().baseUrl(server.url()).token(server.adminToken()).timeoutMs(10_000).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNodeRegistersHeartbeatsWithItsOwnTokenAndShowsTheMetrics() {
        Issued issued = admin.nodes().register("default", new NodeRegistration("agent-1").role("worker")
                .url("http://10.0.0.9:8080").metadata(Map.of("version", "1.2.3")));
        CorralClient asNode = CorralClient.builder().baseUrl(server.url()).token(issued.token()).build();

        JsonNode ack = asNode.nodes().heartbeat("default", "agent-1", Map.of("cpu_percent", 12.5, "keys", 42));

        assertThat(ack.path("status").asText()).isEqualTo("active");
        assertThat(ack.path("status_changed_at_ms").asLong()).isPositive();
        assertThat(ack.path("heartbeat_interval_ms").asLong()).isEqualTo(1_000);
        JsonNode node = asNode.nodes().get("default", "agent-1");
        assertThat(node.path("last_heartbeat").isTextual()).isTrue();
        assertThat(node.path("heartbeat_metrics").path("keys").asInt()).isEqualTo(42);
        assertThat(node.path("metadata").path("version").asText()).isEqualTo("1.2.3");
        assertThat(asNode.nodes().status("default", "agent-1").path("health").asText()).isEqualTo("healthy");

        JsonNode maintained = asNode.nodes().setMaintenance("default", "agent-1", true, "draining disk");
        assertThat(maintained.path("status").asText()).isEqualTo("maintenance");

        assertThatThrownBy(() -> asNode.nodes().register("default", new NodeRegistration("agent-2")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("FORBIDDEN");
                });
    }

    @Test
    void upsertReRegistersInsteadOfConflicting() {
        admin.nodes().register("default", new NodeRegistration("again-1").zone("z1"));

        assertThatThrownBy(() -> admin.nodes().register("default", new NodeRegistration("again-1")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("NODE_ALREADY_EXISTS"));
        Issued again = admin.nodes().register("default", new NodeRegistration("again-1").zone("z2").upsert(true));
        assertThat(again.data().path("zone").asText()).isEqualTo("z2");
    }

    @Test
    void updateChangesOnlyWhatItSets() {
        admin.nodes().register("default", new NodeRegistration("patch-1").name("before").zone("z1")
                .labels(Map.of("env", "qa")).taints(List.of(new Taint("gpu", "a100", "NoSchedule"))));

        JsonNode updated = admin.nodes().update("default", "patch-1", new NodeUpdate().name("after")
                .labels(Map.of("env", "prod")));

        assertThat(updated.path("name").asText()).isEqualTo("after");
        assertThat(updated.path("labels").path("env").asText()).isEqualTo("prod");
        assertThat(updated.path("zone").asText()).isEqualTo("z1");
        assertThat(updated.path("taints").get(0).path("value").asText()).isEqualTo("a100");
    }

    @Test
    void listFiltersAndEventsRecordWhatHappened() {
        admin.nodes().register("default", new NodeRegistration("ev-1").role("cache").labels(Map.of("suite", "ev")));
        admin.nodes().remove("default", "ev-1", "test over");

        Page page = admin.nodes().list("default", NodeQuery.all().withLabels(Map.of("suite", "ev")));
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();

        List<JsonNode> events = admin.events().list("default", EventQuery.all().withNodeId("ev-1"));
        assertThat(events).extracting(e -> e.path("reason").asText())
                .containsExactly("node.deleted", "node.registered");
        assertThat(admin.events().list("default", EventQuery.all().withNodeId("ev-1").withLimit(1))).hasSize(1);
    }

    @Test
    void workspacesAndKeys() {
        JsonNode ws = admin.workspaces().create("client-ws", "Client", "eu", Map.of("a", "b"));
        assertThat(ws.path("id").asText()).isEqualTo("client-ws");
        assertThat(admin.workspaces().list().items()).extracting(w -> w.path("id").asText()).contains("client-ws");

        Issued key = admin.keys().create("scoped", "viewer", List.of("client-ws"));
        CorralClient scoped = CorralClient.builder().baseUrl(server.url()).token(key.token()).build();
        assertThat(scoped.whoami().path("workspaces").get(0).asText()).isEqualTo("client-ws");
        assertThat(scoped.nodes().list("client-ws", NodeQuery.all()).items()).isEmpty();
        assertThatThrownBy(() -> scoped.nodes().list("default", NodeQuery.all()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));

        admin.keys().revoke(key.data().path("id").asText());
        assertThatThrownBy(scoped::whoami)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));

        admin.workspaces().delete("client-ws");
        assertThatThrownBy(() -> admin.workspaces().get("client-ws"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("WORKSPACE_NOT_FOUND"));
    }

    @Test
    void aPlanCanIncludeItsTargetMapAndAWatchAheadOfTheServerReturnsAtOnce() {
        admin.workspaces().create("client-map", null, null, null);
        admin.nodes().register("client-map", new NodeRegistration("map-1").zone("z1"));
        admin.resources().create("client-map", new ResourceDefinition("client.t").partitions(3));

        JsonNode plan = admin.shardMap().plan("client-map", new WhatIf().addNode("map-2", "z2", null), true);
        assertThat(plan.path("target").path("client.t").size()).isEqualTo(3);
        assertThat(admin.resources().map("client-map", "client.t").path("shards")).hasSize(3);

        long version = admin.shardMap().get("client-map").path("version").asLong();
        long startNanos = System.nanoTime();
        IndexedMap reset = admin.shardMap().watch("client-map", version + 1_000, 60_000);
        assertThat(reset.index()).isEqualTo(version);
        assertThat(reset.map().path("version").asLong()).isEqualTo(version);
        assertThat(System.nanoTime() - startNanos).as("no wait for a reset").isLessThan(30_000_000_000L);
    }
}
