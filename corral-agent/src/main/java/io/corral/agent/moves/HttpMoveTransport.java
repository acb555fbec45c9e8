package io.corral.agent.moves;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link MoveTransport} over HTTP to a donor's {@link MoveExportHandler}. The body is streamed, not
 * buffered; {@code connectTimeoutMs} bounds connecting and waiting for the reply's headers. Thread-safe.
 */
public final class HttpMoveTransport implements MoveTransport {
    private final HttpClient http;
    private final Duration headersTimeout;

    public HttpMoveTransport(long connectTimeoutMs) {
        this.headersTimeout = Duration.ofMillis(connectTimeoutMs);
        this.http = HttpClient.newBuilder().connectTimeout(headersTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Transfer open(String donorUrl, TransferRequest r) throws IOException {
        if (donorUrl == null) {
            throw new IOException("the donor has no URL in the map");
        }
        String base = donorUrl.endsWith("/") ? donorUrl.substring(0, donorUrl.length() - 1) : donorUrl;
        StringBuilder uri = new StringBuilder(base).append(MoveExportHandler.PATH)
                .append(r.kind() == TransferRequest.Kind.SNAPSHOT ? "snapshot" : "changes")
                .append("?move_id=").append(enc(r.moveId()))
                .append("&resource_id=").append(enc(r.shard().resourceId()))
                .append("&shard_id=").append(r.shard().shardId())
                .append("&fence_version=").append(r.fenceVersion());
        if (r.kind() == TransferRequest.Kind.CHANGES) {
            uri.append("&since=").append(r.sincePosition());
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(uri.toString())).GET().build();
        HttpResponse<InputStream> res;
        try {
            res = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
                    .get(headersTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while opening " + uri);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("donor " + base + " unreachable: " + (e.getCause() != null ? e.getCause() : e), e);
        }
        if (res.statusCode() != 200) {
            String why;
            try (InputStream in = res.body()) {
                why = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            }
            if (res.statusCode() == 409) {
                throw new ShardUnavailableException("donor " + base + ": " + why);
            }
            throw new IOException("donor " + base + " answered " + res.statusCode() + ": " + why);
        }
        return new Transfer(header(res, MoveExportHandler.POSITION_HEADER), header(res, MoveExportHandler.ITEMS_HEADER),
                header(res, MoveExportHandler.BYTES_HEADER), res.body());
    }

    private static long header(HttpResponse<?> res, String name) throws IOException {
        String v = res.headers().firstValue(name).orElseThrow(() -> new IOException("the donor sent no " + name));
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IOException(name + " is not a number: " + v, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
