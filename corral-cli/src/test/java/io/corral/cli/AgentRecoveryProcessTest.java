package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent never gives up: a crashed coordinator, and one restored from a backup that lacks the node. */
class AgentRecoveryProcessTest {
    @TempDir
    Path dir;

    @Test
    void afterACoordinatorCrashAndRestartTheAgentIsActiveAgainWithoutHelp() throws Exception {
        try (Coordinator coordinator = new Coordinator(dir.resolve("c"), dir);
             Agent agent = new Agent(coordinator, dir.resolve("a"), dir)) {
            coordinator.start();
            agent.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            String id = agent.nodeId();
            long beforeMs = System.currentTimeMillis();

            coordinator.kill();
            Api.await("agent notices the coordinator is gone", Duration.ofSeconds(10),
                    () -> !Api.get(agent.url() + "/api/health", null).json().path("coordinatorConnected").asBoolean(true),
                    agent::logTail);
            coordinator.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            Api.await("a heartbeat after the restart", Duration.ofSeconds(15), () -> {
                try {
                    var n = coordinator.node(id);
                    return n != null && !n.get("last_heartbeat").isNull()
                            && java.time.Instant.parse(n.get("last_heartbeat").asText()).toEpochMilli() > beforeMs;
                } catch (Exception e) {
                    return false;
                }
            }, agent::logTail);
            assertThat(agent.nodeId()).isEqualTo(id);
        }
    }

    @Test
    void aCoordinatorRestoredWithoutTheNodeGetsItRegisteredAgain() throws Exception {
        Path data = dir.resolve("c");
        Path backup = dir.resolve("c-backup");
        try (Coordinator coordinator = new Coordinator(data, dir);
             Agent agent = new Agent(coordinator, dir.resolve("a"), dir)) {
            coordinator.start();
            coordinator.stop();
            copy(data, backup); // a backup taken before the node existed

            coordinator.start();
            agent.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            String id = agent.nodeId();
            long seqBefore = coordinator.node(id).get("seq").asLong();

            coordinator.stop();
            delete(data);
            copy(backup, data); // restore: the coordinator no longer knows the node or its token
            coordinator.start();
            assertThat(coordinator.node(id)).isNull();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            assertThat(agent.nodeId()).isEqualTo(id);
            assertThat(coordinator.node(id).get("seq").asLong()).isEqualTo(seqBefore);
            var events = Api.get(coordinator.url() + "/api/v1/workspaces/default/nodes/" + id + "/events",
                    coordinator.adminToken());
            assertThat(events.json().get("data").findValuesAsText("reason")).contains("node.registered");
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void delete(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
