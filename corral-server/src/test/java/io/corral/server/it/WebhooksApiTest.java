package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.webhooks.Receiver;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksApiTest {
    @TempDir
    Path dir;

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** HMAC-SHA256 computed here, independently of the server's signer. */
    static String expectedSignature(String secret, String t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void createListDeleteAndTheSecretIsShownOnlyOnce() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            var created = s.post("/api/v1/workspaces/default/webhooks", Map.of("url", "http://127.0.0.1:9/hook",
                    "events", List.of("node.deleted", "node.health_check_failed")));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            String id = created.json().at("/data/id").asText();
            assertThat(created.json().at("/data/secret").asText()).hasSizeGreaterThan(30);

            var list = s.get("/api/v1/workspaces/default/webhooks");
            assertThat(list.json().get("data").findValuesAsText("id")).containsExactly(id);
            assertThat(list.raw()).doesNotContain(created.json().at("/data/secret").asText()).doesNotContain("secret");
            var one = s.get("/api/v1/workspaces/default/webhooks/" + id);
            assertThat(one.json().at("/data/events/1").asText()).isEqualTo("node.health_check_failed");
            assertThat(one.json().at("/data/secret").isMissingNode()).isTrue();

            assertThat(s.call("DELETE", "/api/v1/workspaces/default/webhooks/" + id, null, s.adminToken()).status())
                    .isEqualTo(204);
            assertThat(s.get("/api/v1/workspaces/default/webhooks/" + id).json().at("/error/code").asText())
                    .isEqualTo("WEBHOOK_NOT_FOUND");
            var events = s.get("/api/v1/workspaces/default/events").json().get("data").findValuesAsText("reason");
            assertThat(events).contains("webhook.created", "webhook.deleted");
        }
    }

    @Test
    void badSubscriptionsAre400sNamingTheFieldAndChangeNothing() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            long before = s.server().controller().image().appliedIndex();
            Map<String, Object> noScheme = Map.of("url", "127.0.0.1:9/hook", "events", List.of("*"));
            Map<String, Object> badType = Map.of("url", "http://h/x", "events", List.of("Node Deleted"));
            Map<String, Object> noEvents = Map.of("url", "http://h/x");
            Map<String, Object> shortSecret = Map.of("url", "http://h/x", "events", List.of("*"), "secret", "abc");
            Map<String, Object> wrongType = Map.of("url", "http://h/x", "events", "node.deleted");
            String[] fields = {"url", "events", "events", "secret", "events"};
            List<Map<String, Object>> bodies = List.of(noScheme, badType, noEvents, shortSecret, wrongType);
            for (int i = 0; i < bodies.size(); i++) {
                var r = s.post("/api/v1/workspaces/default/webhooks", bodies.get(i));
                assertThat(r.status()).as(r.raw()).isEqualTo(400);
                assertThat(r.json().at("/error/details/field").asText()).isEqualTo(fields[i]);
            }
            assertThat(s.post("/api/v1/workspaces/nope/webhooks", Map.of("url", "http://h/x", "events", List.of("*")))
                    .status()).isEqualTo(404);
            assertThat(s.server().controller().image().appliedIndex()).isEqualTo(before);
            String viewer = s.post("/api/v1/keys", Map.of("name", "v", "role", "viewer")).json().at("/data/token")
                    .asText();
            assertThat(s.call("POST", "/api/v1/workspaces/default/webhooks", Map.of("url", "http://h/x", "events",
                    List.of("*")), viewer).status()).isEqualTo(403);
        }
    }

    @Test
    void deliveriesAreSignedRetriedAndLogged() throws Exception {
        try (TestServer s = TestServer.start(dir); Receiver receiver = Receiver.start(0, 2)) {
            var created = s.post("/api/v1/workspaces/default/webhooks", Map.of("url", receiver.url(),
                    "events", List.of("node.deleted"), "secret", "a-secret-of-my-own"));
            String id = created.json().at("/data/id").asText();
            s.post("/api/v1/workspaces/default/nodes", Map.of("id", "doomed"));
            s.call("DELETE", "/api/v1/workspaces/default/nodes/doomed", null, s.adminToken());

            eventually("node.deleted delivered after two failures", () -> receiver.requests.stream()
                    .filter(r -> "node.deleted".equals(r.header("X-Corral-Event"))).count() == 3);
            eventually("delivery logged", () -> {
                var log = s.get("/api/v1/workspaces/default/webhooks/" + id + "/deliveries").json().get("data");
                for (JsonNode d : log) {
                    if (d.get("event_type").asText().equals("node.deleted")) {
                        return d.get("status").asText().equals("delivered");
                    }
                }
                return false;
            });
            JsonNode deleted = null;
            for (JsonNode d : s.get("/api/v1/workspaces/default/webhooks/" + id + "/deliveries").json().get("data")) {
                if (d.get("event_type").asText().equals("node.deleted")) {
                    deleted = d;
                }
            }
            assertThat(deleted.get("attempts").asInt()).isEqualTo(3);
            assertThat(deleted.get("last_status_code").asInt()).isEqualTo(204);

            for (Receiver.Request r : receiver.requests) {
                String sig = r.header("X-Corral-Signature");
                assertThat(sig).matches("t=\\d+,v1=[0-9a-f]{64}");
                String t = sig.substring(2, sig.indexOf(','));
                assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t))).isLessThan(60);
                assertThat(sig.substring(sig.indexOf("v1=") + 3)).isEqualTo(expectedSignature("a-secret-of-my-own", t,
                        r.body()));
            }
            Receiver.Request first = receiver.requests.stream()
                    .filter(r -> "node.deleted".equals(r.header("X-Corral-Event"))).findFirst().orElseThrow();
            JsonNode body = new ObjectMapper().readTree(first.body());
            assertThat(body.get("type").asText()).isEqualTo("node.deleted");
            assertThat(body.at("/data/node_id").asText()).isEqualTo("doomed");
            assertThat(body.at("/data/actor").asText()).startsWith("key:");
            assertThat(body.get("webhook_id").asText()).isEqualTo(id);
        }
    }

    @Test
    void aPendingDeliverySurvivesACoordinatorRestart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/hook";
        String webhookId;
        try (TestServer s = TestServer.start(dir)) {
            webhookId = s.post("/api/v1/workspaces/default/webhooks", Map.of("url", url, "events",
                    List.of("node.deleted"))).json().at("/data/id").asText();
            s.post("/api/v1/workspaces/default/nodes", Map.of("id", "gone-1"));
            s.call("DELETE", "/api/v1/workspaces/default/nodes/gone-1", null, s.adminToken());
            eventually("a failed attempt (nobody listens yet)", () -> {
                var d = s.get("/api/v1/workspaces/default/webhooks/" + webhookId + "/deliveries").json().get("data");
                return d.size() == 1 && d.get(0).get("attempts").asInt() >= 1;
            });
            var d = s.get("/api/v1/workspaces/default/webhooks/" + webhookId + "/deliveries").json().at("/data/0");
            assertThat(d.get("status").asText()).isEqualTo("pending");
            assertThat(d.get("last_error").asText()).isNotEmpty();
        }
        try (Receiver receiver = Receiver.start(port, 0); TestServer s = TestServer.start(dir)) {
            eventually("delivered after the restart", () -> !receiver.requests.isEmpty());
            assertThat(receiver.requests.get(0).header("X-Corral-Event")).isEqualTo("node.deleted");
            eventually("logged as delivered", () -> s.get("/api/v1/workspaces/default/webhooks/" + webhookId
                    + "/deliveries").json().at("/data/0/status").asText().equals("delivered"));
        }
    }
}
