package io.corral.bench.jmh;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Workspace;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.NodeStatusChanged;
import io.corral.server.records.Record;
import io.corral.server.records.Replayer;
import io.corral.server.security.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records and images shaped like those the HTTP benchmarks produce, built without a server. */
public final class ReplayFixtures {
    private static final long AT_MS = 1_700_000_000_000L;
    private static final String ACTOR = "key:kbench";

    private ReplayFixtures() {
    }

    /** The record registering node {@code bench-<seq>} with sequence number {@code seq}, as the API would write it. */
    public static NodeRegistered registration(long seq) {
        String id = "bench-" + seq;
        Node node = new Node(id, seq, Workspace.DEFAULT, id, null, new NodeAddresses("http://127.0.0.1:9/" + id, null,
                null), Map.of("bench", "true", "zone", "z" + seq % 3), List.of(), null, null, 1.0, Lifecycle.ACTIVE,
                null, "registered", Map.of(), null, null, null, true, Tokens.hash(Tokens.nodeToken(id, "s" + seq)),
                AT_MS + seq, AT_MS + seq, AT_MS + seq);
        return new NodeRegistered(node, AT_MS + seq, ACTOR);
    }

    /** Node {@code bench-<seq>} going into maintenance. */
    public static NodeStatusChanged maintenanceOn(long seq) {
        return new NodeStatusChanged("bench-" + seq, Lifecycle.MAINTENANCE, null, "benchmark", AT_MS + seq, ACTOR);
    }

    /** Registrations of nodes {@code fromSeq} (inclusive) to {@code toSeq} (exclusive). */
    public static List<Record> registrations(long fromSeq, long toSeq) {
        List<Record> out = new ArrayList<>();
        for (long s = fromSeq; s < toSeq; s++) {
            out.add(registration(s));
        }
        return out;
    }

    /** An image holding {@code nodes} registered nodes, replayed in batches of {@code batchSize} records. */
    public static ClusterImage imageWith(int nodes, int batchSize) {
        ClusterImage img = ClusterImage.empty();
        long index = 1;
        for (long s = 1; s <= nodes; s += batchSize) {
            img = Replayer.apply(img, registrations(s, Math.min(nodes + 1L, s + batchSize)), index++);
        }
        return img;
    }
}
