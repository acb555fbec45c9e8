package io.corral.server.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ClusterImage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedMapsTest {
    private final ClusterImage image = ClusterImage.empty();
    private final ConcurrentHashMap<String, RenderedMaps.Rendered> cache = new ConcurrentHashMap<>();

    @Test
    void callersThatMissAtOnceShareOneRendering() throws Exception {
        AtomicInteger renderings = new AtomicInteger();
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Buffer> first = pool.submit(() -> RenderedMaps.cached(cache, image, "default", () -> {
                renderings.incrementAndGet();
                rendering.countDown();
                await(release);
                return bytes("{\"v\":1}");
            }));
            assertThat(rendering.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Buffer> second = pool.submit(() -> RenderedMaps.cached(cache, image, "default", () -> {
                renderings.incrementAndGet();
                return bytes("{\"v\":2}");
            }));
            Thread.sleep(50); // the second caller is waiting for the first one's rendering now, or soon
            release.countDown();
            assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
            assertThat(renderings).hasValue(1);
            assertThat(first.get().toString(StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerWithAnOlderImageGetsItsOwnVersionAndLeavesTheNewerOneCached() {
        cache.put("default", new RenderedMaps.Rendered(image.workspaceMapVersion("default") + 1,
                RenderedMaps.shared(bytes("newer"))));
        Buffer older = RenderedMaps.cached(cache, image, "default", () -> bytes("older"));
        assertThat(older.toString(StandardCharsets.UTF_8)).isEqualTo("older");
        assertThat(cache.get("default").body().toString(StandardCharsets.UTF_8)).isEqualTo("newer");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
