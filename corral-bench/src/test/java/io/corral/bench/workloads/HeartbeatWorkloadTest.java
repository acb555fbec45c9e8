package io.corral.bench.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.bench.load.LoadResult;
import io.corral.bench.load.NettyLoadRunner;
import io.corral.bench.load.RecordingServer;
import io.corral.bench.load.WindowListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeartbeatWorkloadTest {
    private static final List<String> IDS = List.of("n0", "n1", "n2", "n3", "n4");
    private static final List<String> TOKENS = List.of("crn_n0_a", "crn_n1_b", "crn_n2_c", "crn_n3_d", "crn_n4_e");

    @Test
    void eachNodeSendsItsOwnPathTokenAndBody() throws Exception {
        try (RecordingServer server = new RecordingServer();
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.port(), 2)) {
            LoadResult r = runner.runFor(new HeartbeatWorkload(IDS, TOKENS, IDS.size()), IDS.size(), 50, 200,
                    WindowListener.NONE);

            assertThat(r.total().errors()).isZero();
            assertThat(r.total().successes()).isPositive();
            Set<RecordingServer.Received> distinct = server.received().stream()
                    .map(x -> new RecordingServer.Received(x.path(), x.authorization(), x.body(), 0))
                    .collect(Collectors.toSet());
            assertThat(distinct).hasSize(IDS.size());
            for (int i = 0; i < IDS.size(); i++) {
                assertThat(distinct).contains(new RecordingServer.Received(
                        "/api/v1/workspaces/default/nodes/" + IDS.get(i) + "/heartbeat", "Bearer " + TOKENS.get(i),
                        HeartbeatWorkload.body(i), 0));
            }
        }
    }

    @Test
    void withFewerConnectionsThanNodesEachConnectionGoesRoundAllNodesFromItsOwnStart() throws Exception {
        try (RecordingServer server = new RecordingServer();
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.port(), 1)) {
            runner.runFor(new HeartbeatWorkload(IDS, TOKENS, 2), 2, 50, 200, WindowListener.NONE);

            // Connection c sends for nodes c, c+2, c+4, ... modulo 5: 0 2 4 1 3 0 ... and 1 3 0 2 4 1 ...
            Map<Integer, List<String>> nodesByConnection = server.received().stream().collect(Collectors.groupingBy(
                    RecordingServer.Received::clientPort, Collectors.mapping(x -> x.path().split("/")[6],
                            Collectors.toList())));
            assertThat(nodesByConnection).hasSize(2);
            assertThat(nodesByConnection.values()).allSatisfy(nodes -> assertThat(nodes).hasSizeGreaterThan(5));
            assertThat(nodesByConnection.values().stream().map(nodes -> nodes.subList(0, 5)))
                    .containsExactlyInAnyOrder(List.of("n0", "n2", "n4", "n1", "n3"),
                            List.of("n1", "n3", "n0", "n2", "n4"));
        }
    }

    @Test
    void theRunnerReleasesEveryRequestItWasHandedSoCloseFreesThemAll() throws Exception {
        HeartbeatWorkload workload = new HeartbeatWorkload(IDS, TOKENS, IDS.size());
        try (RecordingServer server = new RecordingServer();
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.port(), 2)) {
            assertThat(runner.runFor(workload, IDS.size(), 50, 200, WindowListener.NONE).total().successes())
                    .isPositive();
        }
        assertThat(workload.unfreedRequests()).isEqualTo(IDS.size());

        workload.close();

        assertThat(workload.unfreedRequests()).isZero();
    }

    @Test
    void theBodyIsAboutFiftyFiveBytesOfMetrics() {
        assertThat(HeartbeatWorkload.body(7))
                .isEqualTo("{\"metrics\":{\"cpu\":0.07,\"mem\":0.07,\"connections\":107}}");
    }
}
