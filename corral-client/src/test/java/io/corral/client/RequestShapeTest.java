package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire and how it reads replies, against a stub HTTP server that records the
 * request and answers with a canned reply (the real coordinator is exercised by corral-cli's tests).
 */
class RequestShapeTest {
    private HttpServer stub;
    private volatile String method;
    private volatile String rawPathAndQuery;
    private volatile String authorization;
    private volatile String contentType;
    private volatile String requestBody;
    private volatile Map<String, String> replyHeaders = Map.of();
    private volatile int replyStatus = 200;
    private volatile String replyBody = "{\"data\": {}}";
    private CorralClient client;

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            method = exchange.getRequestMethod();
            rawPathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] reply = replyBody.getBytes(StandardCharsets.UTF_8);
            replyHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(replyStatus, replyStatus == 204 ? -1 : reply.length);
            if (replyStatus != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
            exchange.close();
        });
        stub.start();
        client = CorralClient.builder().baseUrl("http://127.0.0.1:" + stub.getAddress().getPort() + "/")
                .token("crk_abc.secret").timeoutMs(5_000).build();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    private JsonNode sentBody() throws IOException {
        return Json.MAPPER.readTree(requestBody);
    }

    @Test
    void registerPostsTheSnakeCaseBodyWithTheBearerToken() throws IOException {
        replyStatus = 201;
        replyBody = "{\"data\": {\"id\": \"web:1\", \"status\": \"active\", \"token\": \"crn_web:1.s3cret\"}}";

        Issued issued = client.nodes().register("team a", new NodeRegistration("web:1").role("worker")
                .url("http://10.0.0.7:8080").rpcAddress("10.0.0.7:8082").labels(Map.of("env", "prod"))
                .taints(List.of(new Taint("gpu", null, "NoSchedule"))).capacityWeight(2.5)
                .metadata(Map.of("cores", 8)).replicaOf("web:0").monitored(false).upsert(true));

        assertThat(method).isEqualTo("POST");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/team%20a/nodes");
        assertThat(authorization).isEqualTo("Bearer crk_abc.secret");
        assertThat(contentType).isEqualTo("application/json");
        JsonNode body = sentBody();
        assertThat(body.path("id").asText()).isEqualTo("web:1");
        assertThat(body.path("rpc_address").asText()).isEqualTo("10.0.0.7:8082");
        assertThat(body.path("labels").path("env").asText()).isEqualTo("prod");
        assertThat(body.path("taints").get(0).path("effect").asText()).isEqualTo("NoSchedule");
        assertThat(body.path("taints").get(0).has("value")).isFalse();
        assertThat(body.path("capacity_weight").asDouble()).isEqualTo(2.5);
        assertThat(body.path("metadata").path("cores").asInt()).isEqualTo(8);
        assertThat(body.path("replica_of").asText()).isEqualTo("web:0");
        assertThat(body.path("monitored").asBoolean(true)).isFalse();
        assertThat(body.path("upsert").asBoolean()).isTrue();
        assertThat(issued.token()).isEqualTo("crn_web:1.s3cret");
        assertThat(issued.data().path("status").asText()).isEqualTo("active");
    }

    @Test
    void listSendsFiltersAndReadsPagination() {
        replyBody = "{\"data\": [{\"id\": \"a\"}, {\"id\": \"b\"}],"
                + " \"pagination\": {\"page\": 2, \"per_page\": 2, \"total\": 5, \"pages\": 3}}";

        Page page = client.nodes().list("default", NodeQuery.all().withStatus("active").withPage(2, 2));

        assertThat(method).isEqualTo("GET");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/nodes?status=active&page=2&per_page=2");
        assertThat(requestBody).isEmpty();
        assertThat(page.items()).extracting(n -> n.path("id").asText()).containsExactly("a", "b");
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.pages()).isEqualTo(3);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void removeEncodesTheReasonAndAcceptsNoContent() {
        replyStatus = 204;

        client.nodes().remove("default", "web/1", "decommissioned & gone");

        assertThat(method).isEqualTo("DELETE");
        assertThat(rawPathAndQuery)
                .isEqualTo("/api/v1/workspaces/default/nodes/web%2F1?reason=decommissioned%20%26%20gone");
    }

    @Test
    void maintenancePutsEnabledAndReason() throws IOException {
        client.nodes().setMaintenance("default", "web-1", true, "kernel upgrade");

        assertThat(method).isEqualTo("PUT");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/nodes/web-1/maintenance");
        assertThat(sentBody().path("enabled").asBoolean()).isTrue();
        assertThat(sentBody().path("reason").asText()).isEqualTo("kernel upgrade");
    }

    @Test
    void updatePatchesOnlyTheFieldsSet() throws IOException {
        client.nodes().update("default", "web-1", new NodeUpdate().zone("z2").labels(Map.of()));

        assertThat(method).isEqualTo("PATCH");
        assertThat(sentBody().fieldNames()).toIterable().containsExactlyInAnyOrder("zone", "labels");
        assertThat(sentBody().path("labels").size()).isZero();
    }

    @Test
    void keysCreateSendsRoleAndScope() throws IOException {
        replyStatus = 201;
        replyBody = "{\"data\": {\"id\": \"k1\", \"token\": \"crk_k1.x\"}}";

        Issued key = client.keys().create("ci", "viewer", List.of("default"));

        assertThat(rawPathAndQuery).isEqualTo("/api/v1/keys");
        assertThat(sentBody().path("role").asText()).isEqualTo("viewer");
        assertThat(sentBody().path("workspaces").get(0).asText()).isEqualTo("default");
        assertThat(key.token()).isEqualTo("crk_k1.x");
    }

    @Test
    void webhooksCreateSendsUrlEventsAndOptionalSecret() throws IOException {
        replyStatus = 201;
        replyBody = "{\"data\": {\"id\": \"wh1\", \"secret\": \"s\"}}";

        JsonNode created = client.webhooks().create("team a", "http://h/x", List.of("node.*", "node.deleted"), null);

        assertThat(method).isEqualTo("POST");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/team%20a/webhooks");
        assertThat(sentBody().path("url").asText()).isEqualTo("http://h/x");
        assertThat(sentBody().path("events").toString()).isEqualTo("[\"node.*\",\"node.deleted\"]");
        assertThat(sentBody().has("secret")).as("no secret means the server generates one").isFalse();
        assertThat(created.path("secret").asText()).isEqualTo("s");

        client.webhooks().create("default", "http://h/x", List.of("*"), "0123456789abcdef");
        assertThat(sentBody().path("secret").asText()).isEqualTo("0123456789abcdef");
    }

    @Test
    void webhooksListDeliveriesAndDeleteUseTheWebhookPath() {
        replyBody = "{\"data\": [{\"id\": \"d1\"}, {\"id\": \"d2\"}]}";
        assertThat(client.webhooks().deliveries("default", "wh/1", 5)).extracting(d -> d.path("id").asText())
                .containsExactly("d1", "d2");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/webhooks/wh%2F1/deliveries?limit=5");

        client.webhooks().deliveries("default", "wh1", null);
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/webhooks/wh1/deliveries");

        assertThat(client.webhooks().list("default")).hasSize(2);
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/webhooks");

        replyStatus = 204;
        client.webhooks().delete("default", "wh1");
        assertThat(method).isEqualTo("DELETE");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/webhooks/wh1");
    }

    @Test
    void nodeMetricsSendsPeriodAndOptionalMetric() {
        replyBody = "{\"data\": {\"node_id\": \"n1\", \"period\": \"1h\"}}";

        assertThat(client.nodes().metrics("default", "n1", "1h", "cpu").path("period").asText()).isEqualTo("1h");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/nodes/n1/metrics?period=1h&metric=cpu");

        client.nodes().metrics("default", "n1", "7d", null);
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/nodes/n1/metrics?period=7d");
    }

    @Test
    void noTokenMeansNoAuthorizationHeader() {
        CorralClient anonymous = CorralClient.builder().baseUrl(client.baseUrl()).build();

        anonymous.workspaces().list();

        assertThat(authorization).isNull();
    }

    @Test
    void anErrorReplyBecomesAnApiException() {
        replyStatus = 409;
        replyBody = "{\"error\": {\"code\": \"NODE_ALREADY_EXISTS\", \"message\": \"taken\", \"details\": {}}}";

        assertThatThrownBy(() -> client.nodes().register("default", new NodeRegistration("x")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("NODE_ALREADY_EXISTS");
                    assertThat(e.getMessage()).isEqualTo("taken");
                });
    }

    @Test
    void aSuccessThatIsNotJsonIsAClientException() {
        replyBody = "<html>hello</html>";

        assertThatThrownBy(() -> client.whoami())
                .isExactlyInstanceOf(CorralClientException.class).hasMessageContaining("not JSON");
    }

    @Test
    void anUnreachableServerIsAClientExceptionNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CorralClient nowhere = CorralClient.builder().baseUrl("http://127.0.0.1:" + closedPort).timeoutMs(5_000)
                .build();

        assertThatThrownBy(() -> nowhere.workspaces().list())
                .isExactlyInstanceOf(CorralClientException.class)
                .hasMessageContaining("cannot connect to Corral at http://127.0.0.1:" + closedPort);
    }

    @Test
    void resourceCreatePostsEveryFieldUnderItsApiName() throws IOException {
        replyStatus = 201;
        replyBody = "{\"data\": {\"id\": \"mydb.cpu\", \"partitions\": 16}}";

        JsonNode created = client.resources().create("team a", new ResourceDefinition("mydb.cpu").kind("table")
                .routing("partitioned").shardKeys(List.of("host", "region")).partitions(16).replicationFactor(3)
                .timeSlice("24h").nodeSelector(Map.of("disk", "ssd")).spreadZones(false).minActiveReplicas(2)
                .tolerations(List.of(Toleration.equal("dedicated", "db", "NoSchedule"), Toleration.exists("gpu", null))));

        assertThat(method).isEqualTo("POST");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/team%20a/resources");
        JsonNode body = sentBody();
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "kind", "routing", "shard_keys",
                "partitions", "replication_factor", "time_slice", "node_selector", "tolerations", "spread_zones",
                "min_active_replicas");
        assertThat(body.path("shard_keys").toString()).isEqualTo("[\"host\",\"region\"]");
        assertThat(body.path("replication_factor").asInt()).isEqualTo(3);
        assertThat(body.path("time_slice").asText()).isEqualTo("24h");
        assertThat(body.path("node_selector").path("disk").asText()).isEqualTo("ssd");
        assertThat(body.path("spread_zones").asBoolean(true)).isFalse();
        assertThat(body.path("min_active_replicas").asInt()).isEqualTo(2);
        assertThat(body.path("tolerations").get(0).toString())
                .isEqualTo("{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"db\",\"effect\":\"NoSchedule\"}");
        assertThat(body.path("tolerations").get(1).toString()).isEqualTo("{\"key\":\"gpu\",\"operator\":\"Exists\"}");
        assertThat(created.path("partitions").asInt()).isEqualTo(16);
    }

    @Test
    void resourceUpdatePatchesOnlyWhatItSetsAndCanClearTheTimeSlice() throws IOException {
        ResourceUpdate update = new ResourceUpdate();
        assertThat(update.isEmpty()).isTrue();

        client.resources().update("default", "mydb.cpu", update.partitions(32).clearTimeSlice().shardKeys(List.of()));

        assertThat(method).isEqualTo("PATCH");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/resources/mydb.cpu");
        assertThat(sentBody().toString()).isEqualTo("{\"partitions\":32,\"time_slice\":null,\"shard_keys\":[]}");
    }

    @Test
    void resourceMapAndDeleteUseTheResourcePath() {
        client.resources().map("default", "a/b");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/resources/a%2Fb/map");

        replyStatus = 204;
        client.resources().delete("default", "a/b");
        assertThat(method).isEqualTo("DELETE");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/resources/a%2Fb");
    }

    @Test
    void planPostsTheWhatIfAndAsksForTheTargetMapOnlyWhenTold() throws IOException {
        WhatIf whatIf = new WhatIf().addNode("new-1", "z1", 2.0).addNode("new-2", null, null, Map.of("disk", "ssd"),
                        List.of(new Taint("gpu", null, "NoSchedule")))
                .removeNode("d1").disableNode("d2").zoneDown("z3").partitions("mydb.cpu", 32)
                .replicationFactor("mydb.cpu", 3);

        client.shardMap().plan("default", whatIf, true);

        assertThat(method).isEqualTo("POST");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/shardmap/plan?include_map=true");
        assertThat(sentBody()).isEqualTo(Json.MAPPER.readTree("{\"add_nodes\": ["
                + "{\"id\": \"new-1\", \"zone\": \"z1\", \"weight\": 2.0},"
                + "{\"id\": \"new-2\", \"labels\": {\"disk\": \"ssd\"},"
                + " \"taints\": [{\"key\": \"gpu\", \"effect\": \"NoSchedule\"}]}],"
                + " \"remove_nodes\": [\"d1\"], \"disable_nodes\": [\"d2\"], \"zones_down\": [\"z3\"],"
                + " \"resources\": {\"mydb.cpu\": {\"partitions\": 32, \"replication_factor\": 3}}}"));

        client.shardMap().plan("default", new WhatIf());
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/shardmap/plan");
        assertThat(sentBody().size()).isZero();
    }

    @Test
    void watchSendsIndexAndWaitAndReturnsTheIndexHeader() {
        replyHeaders = Map.of("X-Corral-Index", "42");
        replyBody = "{\"data\": {\"workspace_id\": \"default\", \"version\": 42, \"resources\": []}}";

        IndexedMap watched = client.shardMap().watch("default", 7, 1_500);

        assertThat(method).isEqualTo("GET");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/shardmap?index=7&wait=1500ms");
        assertThat(watched.index()).isEqualTo(42);
        assertThat(watched.map().path("workspace_id").asText()).isEqualTo("default");
    }

    @Test
    void watchWithoutTheIndexHeaderFallsBackToTheMapVersion() {
        replyBody = "{\"data\": {\"version\": 9}}";

        assertThat(client.shardMap().watch("default", 0, 0).index()).isEqualTo(9);
    }

    @Test
    void watchRejectsANegativeIndexAndAWaitTheServerWouldRefuse() {
        assertThatThrownBy(() -> client.shardMap().watch("default", -1, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index");
        assertThatThrownBy(() -> client.shardMap().watch("default", 1, 600_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitMs");
        assertThat(method).isNull();
    }

    @Test
    void applyPostsToTheWorkspaceMap() {
        replyBody = "{\"data\": {\"workspace_id\": \"default\", \"version\": 12}}";

        JsonNode applied = client.shardMap().apply("default");

        assertThat(method).isEqualTo("POST");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/shardmap/apply");
        assertThat(applied.path("version").asLong()).isEqualTo(12);
    }

    @Test
    void clusterMaintenancePutsEnabledAndReason() throws IOException {
        client.cluster().setMaintenance(true, "upgrade");

        assertThat(method).isEqualTo("PUT");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/cluster/maintenance");
        assertThat(sentBody().toString()).isEqualTo("{\"enabled\":true,\"reason\":\"upgrade\"}");

        client.cluster().setMaintenance(false, null);
        assertThat(sentBody().toString()).isEqualTo("{\"enabled\":false}");

        client.cluster().maintenance();
        assertThat(method).isEqualTo("GET");
    }

    @Test
    void autoscalePutsOnlyTheFieldsSetUnderTheirApiNames() throws IOException {
        AutoscaleUpdate update = new AutoscaleUpdate();
        assertThat(update.isEmpty()).isTrue();

        client.autoscale().set("team a", update.enabled(true).metric("keys").highWater(1000).lowWater(12.5)
                .minNodes(2).maxNodes(6).interval("30s").cooldown("5m"));

        assertThat(method).isEqualTo("PUT");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/team%20a/autoscale");
        assertThat(sentBody().toString()).isEqualTo("{\"enabled\":true,\"metric\":\"keys\",\"high_water\":1000.0,"
                + "\"low_water\":12.5,\"min_nodes\":2,\"max_nodes\":6,\"interval\":\"30s\",\"cooldown\":\"5m\"}");

        client.autoscale().get("default");
        assertThat(method).isEqualTo("GET");
        assertThat(rawPathAndQuery).isEqualTo("/api/v1/workspaces/default/autoscale");
    }
}
