package io.corral.bench.watch;

import io.corral.server.CorralServer;
import io.corral.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * How fast one map change reaches many watchers: starts a coordinator in this JVM, opens
 * {@code longPollWatchers} blocking queries and {@code sseWatchers} event streams on the workspace
 * map, then makes {@code changes} map changes one after another and records, for every watcher, the
 * time from just before the change was sent until the watcher received the new version (so the
 * commit is included). Also reports the heap growth per open watcher (server and client together,
 * measured after a GC, so an upper bound for the server's share). Prints one line of figures.
 */
public final class WatchFanoutBench {
    private WatchFanoutBench() {
    }

    public static void main(String[] args) throws Exception {
        int longPolls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int changes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("corral-watch-bench");
        CorralServer server = CorralServer.start(new ServerConfig("127.0.0.1", 0, 0, dir, 5_000, 600_000, false, 2,
                20_000));
        String token = Files.readString(server.adminTokenPath()).trim();
        java.net.http.HttpClient admin = java.net.http.HttpClient.newHttpClient();
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(longPolls + streams + 16));
        try {
            send(admin, server, token, "POST", "/api/v1/workspaces/default/nodes", "{\"id\":\"n1\"}");
            send(admin, server, token, "POST", "/api/v1/workspaces/default/resources",
                    "{\"id\":\"w\",\"partitions\":4}");
            long baseHeap = usedHeapAfterGc();
            Watchers w = new Watchers(http, token, server.controller().image().workspaceMapVersion("default"));
            w.open(longPolls, streams);
            w.awaitOpen(longPolls + streams, 60);
            long perWatcherBytes = (usedHeapAfterGc() - baseHeap) / Math.max(1, longPolls + streams);
            Histogram longPollMs = new Histogram(3);
            Histogram sseMs = new Histogram(3);
            for (int i = 0; i < changes; i++) {
                long version = server.controller().image().workspaceMapVersion("default");
                CountDownLatch all = w.expect(version + 1, longPolls + streams);
                long sentNanos = System.nanoTime();
                send(admin, server, token, "PATCH", "/api/v1/workspaces/default/resources/w",
                        "{\"partitions\":" + (5 + i % 2) + "}");
                if (!all.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not every watcher saw version " + (version + 1));
                }
                w.record(version + 1, sentNanos, longPollMs, sseMs);
                Thread.sleep(200);
            }
            System.out.printf("watchers: %d long-poll + %d SSE; changes: %d%n", longPolls, streams, changes);
            System.out.printf("long-poll delivery ms: p50 %.1f p99 %.1f max %.1f%n", longPollMs.getValueAtPercentile(50)
                    / 1000.0, longPollMs.getValueAtPercentile(99) / 1000.0, longPollMs.getMaxValue() / 1000.0);
            System.out.printf("SSE delivery ms:       p50 %.1f p99 %.1f max %.1f%n", sseMs.getValueAtPercentile(50)
                    / 1000.0, sseMs.getValueAtPercentile(99) / 1000.0, sseMs.getMaxValue() / 1000.0);
            System.out.printf("heap per open watcher (server + client): %d bytes%n", perWatcherBytes);
        } finally {
            Watchers.STOPPED.set(true);
            vertx.close().await(10, TimeUnit.SECONDS);
            server.close();
        }
    }

    private static void send(java.net.http.HttpClient c, CorralServer s, String token, String method, String path,
                             String body) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(s.url() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The watchers and, per version, when each of them saw it (in System.nanoTime). */
    private static final class Watchers {
        static final java.util.concurrent.atomic.AtomicBoolean STOPPED = new java.util.concurrent.atomic.AtomicBoolean();
        private final HttpClient http;
        private final String token;
        private final AtomicInteger opened = new AtomicInteger();
        private final ConcurrentHashMap<Long, List<Long>> longPollSeen = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Long, List<Long>> sseSeen = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Long, CountDownLatch> latches = new ConcurrentHashMap<>();
        private final long startVersion;

        Watchers(HttpClient http, String token, long startVersion) {
            this.http = http;
            this.token = token;
            this.startVersion = startVersion;
        }

        void open(int longPolls, int streams) {
            for (int i = 0; i < longPolls; i++) {
                poll(startVersion, true);
            }
            for (int i = 0; i < streams; i++) {
                stream();
            }
        }

        void awaitOpen(int count, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (opened.get() < count && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            if (opened.get() < count) {
                throw new IllegalStateException("only " + opened.get() + " of " + count + " watchers opened");
            }
            Thread.sleep(500);
        }

        CountDownLatch expect(long version, int count) {
            return latches.computeIfAbsent(version, v -> new CountDownLatch(count));
        }

        private void saw(ConcurrentHashMap<Long, List<Long>> seen, long version, long atNanos) {
            seen.computeIfAbsent(version, v -> Collections.synchronizedList(new ArrayList<>())).add(atNanos);
            expect(version, 0).countDown();
        }

        void record(long version, long sentNanos, Histogram longPollMicros, Histogram sseMicros) {
            for (long t : longPollSeen.getOrDefault(version, List.of())) {
                longPollMicros.recordValue(Math.max(0, (t - sentNanos) / 1_000));
            }
            for (long t : sseSeen.getOrDefault(version, List.of())) {
                sseMicros.recordValue(Math.max(0, (t - sentNanos) / 1_000));
            }
        }

        private RequestOptions get(String uri) {
            return new RequestOptions().setMethod(HttpMethod.GET).setURI(uri).putHeader("Authorization",
                    "Bearer " + token);
        }

        private void poll(long index, boolean first) {
            http.request(get("/api/v1/workspaces/default/shardmap?index=" + index + "&wait=5m"))
                    .compose(req -> {
                        if (first) {
                            opened.incrementAndGet();
                        }
                        return req.send();
                    })
                    .compose(res -> res.body().map(b -> Long.parseLong(res.getHeader("X-Corral-Index"))))
                    .onSuccess(v -> {
                        if (v != index) {
                            saw(longPollSeen, v, System.nanoTime());
                        }
                        if (!STOPPED.get()) {
                            poll(v, false);
                        }
                    })
                    .onFailure(e -> {
                        if (!STOPPED.get()) {
                            poll(index, false);
                        }
                    });
        }

        private void stream() {
            http.request(get("/api/v1/workspaces/default/shardmap/stream")).compose(req -> req.send())
                    .onSuccess(res -> {
                        opened.incrementAndGet();
                        StringBuilder pending = new StringBuilder();
                        res.handler((Buffer chunk) -> {
                            pending.append(chunk.toString());
                            int end;
                            while ((end = pending.indexOf("\n\n")) >= 0) {
                                String event = pending.substring(0, end);
                                pending.delete(0, end + 2);
                                if (event.contains("event: change")) {
                                    for (String line : event.split("\n")) {
                                        if (line.startsWith("id: ")) {
                                            saw(sseSeen, Long.parseLong(line.substring(4).trim()), System.nanoTime());
                                        }
                                    }
                                }
                            }
                        });
                    });
        }
    }
}
