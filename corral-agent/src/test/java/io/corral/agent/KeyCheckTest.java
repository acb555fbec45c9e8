package io.corral.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks keys against a stand-in coordinator that answers {@code /api/v1/whoami} like the real one. */
class KeyCheckTest {
    private HttpServer fake;
    private final AtomicInteger calls = new AtomicInteger();
    private URI url;

    @BeforeEach
    void startFakeCoordinator() throws Exception {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/api/v1/whoami", ex -> {
            calls.incrementAndGet();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String body;
            int status = 200;
            if ("Bearer operator-default".equals(auth)) {
                body = "{\"data\":{\"kind\":\"key\",\"role\":\"operator\",\"workspaces\":[\"default\"]}}";
            } else if ("Bearer operator-other".equals(auth)) {
                body = "{\"data\":{\"kind\":\"key\",\"role\":\"operator\",\"workspaces\":[\"other\"]}}";
            } else if ("Bearer viewer".equals(auth)) {
                body = "{\"data\":{\"kind\":\"key\",\"role\":\"viewer\",\"workspaces\":[\"*\"]}}";
            } else if ("Bearer node".equals(auth)) {
                body = "{\"data\":{\"kind\":\"node\",\"role\":null,\"workspaces\":[\"default\"]}}";
            } else {
                status = 401;
                body = "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid\"}}";
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        fake.start();
        url = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        fake.stop(0);
    }

    @Test
    void rolesAndScopesDecideAndAnswersAreCached() {
        MutableClock clock = new MutableClock();
        KeyCheck check = new KeyCheck(new CoordinatorClient(url), "default", clock);
        assertThat(check.check(null)).isEqualTo(KeyCheck.Verdict.UNAUTHORIZED);
        assertThat(check.check("Bearer operator-default")).isEqualTo(KeyCheck.Verdict.ALLOWED);
        assertThat(check.check("Bearer operator-other")).isEqualTo(KeyCheck.Verdict.FORBIDDEN);
        assertThat(check.check("Bearer viewer")).isEqualTo(KeyCheck.Verdict.FORBIDDEN);
        assertThat(check.check("Bearer node")).isEqualTo(KeyCheck.Verdict.FORBIDDEN);
        assertThat(check.check("Bearer garbage")).isEqualTo(KeyCheck.Verdict.UNAUTHORIZED);
        int asked = calls.get();
        assertThat(check.check("Bearer operator-default")).isEqualTo(KeyCheck.Verdict.ALLOWED);
        assertThat(check.check("Bearer garbage")).isEqualTo(KeyCheck.Verdict.UNAUTHORIZED);
        assertThat(calls.get()).isEqualTo(asked);
        clock.now += KeyCheck.CACHE_TTL_MS + 1;
        assertThat(check.check("Bearer operator-default")).isEqualTo(KeyCheck.Verdict.ALLOWED);
        assertThat(calls.get()).isEqualTo(asked + 1);
    }

    @Test
    void aCachedAnswerIsUsedWhileTheCoordinatorIsDownAndAnUnknownKeyIsUnavailable() {
        MutableClock clock = new MutableClock();
        KeyCheck check = new KeyCheck(new CoordinatorClient(url), "default", clock);
        assertThat(check.check("Bearer operator-default")).isEqualTo(KeyCheck.Verdict.ALLOWED);
        fake.stop(0);
        clock.now += KeyCheck.CACHE_TTL_MS + 1;
        assertThat(check.check("Bearer operator-default")).isEqualTo(KeyCheck.Verdict.ALLOWED);
        assertThat(check.check("Bearer viewer")).isEqualTo(KeyCheck.Verdict.UNAVAILABLE);
    }

    private static final class MutableClock extends Clock {
        long now = 1_700_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
