package io.corral.bench.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.bench.load.BenchRequest;
import io.corral.bench.load.Workload;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Registers {@code count} nodes named {@code <prefix>-<n>} (n from 0) and keeps the node token each
 * registration returns. Exhausted once every node has been sent; a failed registration is not
 * retried (it shows up as an error in the result).
 */
public final class RegistrationWorkload implements Workload {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String KIND = "register";

    private final String prefix;
    private final int count;
    private final String adminToken;
    private final AtomicLong nextIndex = new AtomicLong();
    private final AtomicReferenceArray<String> tokens;

    public RegistrationWorkload(String prefix, int count, String adminToken) {
        this.prefix = prefix;
        this.count = count;
        this.adminToken = adminToken;
        this.tokens = new AtomicReferenceArray<>(count);
    }

    public static String nodeId(String prefix, int index) {
        return prefix + "-" + index;
    }

    @Override
    public BenchRequest next(int slot) {
        long i = nextIndex.getAndIncrement();
        if (i >= count) {
            return null;
        }
        int index = (int) i;
        String id = nodeId(prefix, index);
        return new BenchRequest(KIND, NativeApi.post(NativeApi.NODES, adminToken),
                Buffer.buffer(NativeApi.registration(id)), 201, body -> tokens.set(index, token(body)));
    }

    private static String token(Buffer body) {
        try {
            return MAPPER.readTree(body.getBytes()).path("data").path("token").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node token returned for node {@code index}, or null if its registration failed. */
    public String token(int index) {
        return tokens.get(index);
    }
}
