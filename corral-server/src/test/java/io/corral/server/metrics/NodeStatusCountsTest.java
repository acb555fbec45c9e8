package io.corral.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Workspace;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.NodeStatusChanged;
import io.corral.server.records.Replayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStatusCountsTest {
    private static final long T0 = 1_700_000_000_000L;

    private static Node node(String id, long seq) {
        return new Node(id, seq, Workspace.DEFAULT, id, "worker", NodeAddresses.NONE, Map.of(), List.of(), null, null,
                1.0, Lifecycle.ACTIVE, null, "registered", Map.of(), null, null, null, true, "h", T0, T0, T0);
    }

    @Test
    void countsEveryStatusOfTheImageAskedAboutAndFollowsANewImage() {
        ClusterImage img = ClusterImage.empty();
        for (int i = 1; i <= 3; i++) {
            img = Replayer.apply(img, new NodeRegistered(node("n" + i, i), T0, "key:k"));
        }
        NodeStatusCounts counts = new NodeStatusCounts();
        assertThat(counts.count(img, Lifecycle.ACTIVE)).isEqualTo(3);
        assertThat(counts.count(img, Lifecycle.INACTIVE)).isZero();

        ClusterImage next = Replayer.apply(img, new NodeStatusChanged("n2", Lifecycle.INACTIVE, Lifecycle.ACTIVE,
                "no heartbeat", T0 + 1_000, "system:failure-detector"));
        assertThat(counts.count(next, Lifecycle.ACTIVE)).isEqualTo(2);
        assertThat(counts.count(next, Lifecycle.INACTIVE)).isEqualTo(1);
        // the older image still reads its own counts
        assertThat(counts.count(img, Lifecycle.INACTIVE)).isZero();
    }
}
