package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral shardmap …} against a real coordinator with four data nodes in two zones. */
class ShardMapCliTest {
    private static final Set<String> DATA_NODES = Set.of("d1", "d2", "d3", "d4");
    @TempDir
    static Path dir;
    static TestServer server;
    static Corral admin;

    @BeforeAll
    static void start() throws Exception {
        server = Corral.startShardServer(dir);
        admin = new Corral(server.url(), server.adminToken());
        admin.registerNodes("default", "d", 4);
        created(admin.run("resources", "create", "metrics.cpu", "--partitions", "4", "--replication", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void created(Corral.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    private static long mapVersion() {
        var show = admin.run("shardmap", "show", "-o", "json");
        assertThat(show.exit()).as(show.toString()).isZero();
        return show.json().path("version").asLong();
    }

    /** The rows of the moves table of a plan (after its RESOURCE header, up to the first line that is no row). */
    private static List<List<String>> moves(Corral.Result plan) {
        assertThat(plan.exit()).as(plan.toString()).isZero();
        List<String> lines = Arrays.asList(plan.out().split("\n"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("RESOURCE ")).findFirst()
                .orElseThrow(() -> new AssertionError("no moves table in\n" + plan)));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            List<String> words = Arrays.asList(line.trim().split("\\s+"));
            if (words.size() != 4) {
                break;
            }
            rows.add(words);
        }
        return rows;
    }

    @Test
    void showListsEveryShardWithItsLeaderAndFollowers() {
        var show = admin.run("shardmap", "show");

        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).startsWith("RESOURCE ").contains("LEADER").containsPattern("(?m)^map version \\d+$");
        List<List<String>> rows = show.rows().stream().filter(r -> r.get(0).equals("metrics.cpu")).toList();
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("0", "1", "2", "3");
        for (List<String> row : rows) {
            assertThat(row).hasSize(5);
            assertThat(row.get(3)).isIn(DATA_NODES);
            assertThat(row.get(4)).isIn(DATA_NODES).isNotEqualTo(row.get(3));
        }

        var one = admin.run("shardmap", "show", "--resource", "metrics.cpu", "-o", "json");
        assertThat(one.exit()).as(one.toString()).isZero();
        JsonNode shards = one.json().path("shards");
        assertThat(shards).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode leader = shards.get(i).path("replicas").get(0);
            assertThat(leader.path("role").asText()).isEqualTo("leader");
            assertThat(leader.path("node_id").asText()).isEqualTo(rows.get(i).get(3));
        }
    }

    @Test
    void planWithAnAddedNodeMovesReplicasToItAndChangesNothing() {
        long before = mapVersion();

        var plan = admin.run("shardmap", "plan", "--add-node", "new-1:z1:2", "--add-node", "new-2:z2");

        assertThat(plan.out()).containsPattern("(?m)^replicas:\\s+8$").containsPattern("(?m)^moved:\\s+[1-9]")
                .contains("max_over_avg_load:");
        List<List<String>> moves = moves(plan);
        assertThat(moves).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get(0)).isEqualTo("metrics.cpu");
            assertThat(m.get(2)).isIn(DATA_NODES);
            assertThat(m.get(3)).isIn("new-1", "new-2");
        });
        assertThat(mapVersion()).isEqualTo(before);
        assertThat(admin.run("nodes", "get", "new-1").exit()).isEqualTo(1);

        var json = admin.run("shardmap", "plan", "--add-node", "new-1:z1", "-o", "json");
        assertThat(json.json().path("stats").path("replicas").asInt()).isEqualTo(8);
        assertThat(json.json().path("moves").findValuesAsText("to")).isNotEmpty().containsOnly("new-1");
    }

    @Test
    void planOverridesResourceSettingsAndReportsRemovedNodes() {
        var bigger = admin.run("shardmap", "plan", "--partitions", "metrics.cpu=6", "--replication", "metrics.cpu=3",
                "-o", "json");
        assertThat(bigger.exit()).as(bigger.toString()).isZero();
        JsonNode stats = bigger.json().path("stats");
        assertThat(stats.path("replicas").asInt() + stats.path("unplaced").asInt()).as(stats.toString()).isEqualTo(18);

        var tooMany = admin.run("shardmap", "plan", "--replication", "metrics.cpu=5");
        assertThat(tooMany.exit()).as(tooMany.toString()).isZero();
        assertThat(tooMany.out()).containsPattern("(?m)^unplaced:\\s+4$")
                .containsPattern("(?m)^warning: resource metrics.cpu shard \\d+ has 4 of 5 replicas");

        var removed = admin.run("shardmap", "plan", "--remove-node", "d1", "--disable-node", "d2", "-o", "json");
        assertThat(removed.json().path("moves").findValuesAsText("from")).isNotEmpty().containsOnly("d1");
        assertThat(removed.json().path("moves").findValuesAsText("to")).doesNotContain("d1", "d2");

        var zoneDown = admin.run("shardmap", "plan", "--zone-down", "z1", "-o", "json");
        assertThat(zoneDown.json().path("moves").findValuesAsText("to")).isNotEmpty().isSubsetOf("d2", "d4");
    }

    @Test
    void longPlansAreCutUnlessAll() {
        created(admin.run("workspaces", "create", "big"));
        admin.registerNodes("big", "b", 4);
        created(admin.run("resources", "create", "-w", "big", "wide.t", "--partitions", "128", "--replication", "2"));

        var cut = admin.run("shardmap", "plan", "-w", "big", "--remove-node", "b1");
        int total = admin.run("shardmap", "plan", "-w", "big", "--remove-node", "b1", "-o", "json").json()
                .path("moves").size();
        assertThat(total).isGreaterThan(ShardMapPlanCommand.MOVES_SHOWN);
        assertThat(moves(cut)).hasSize(ShardMapPlanCommand.MOVES_SHOWN);
        assertThat(cut.out()).contains((total - ShardMapPlanCommand.MOVES_SHOWN) + " more moves (" + total
                + " in all); --all lists them");

        var all = admin.run("shardmap", "plan", "-w", "big", "--remove-node", "b1", "--all");
        assertThat(moves(all)).hasSize(total);
        assertThat(all.out()).doesNotContain("more moves");
    }

    @Test
    void planErrors() {
        var unknown = admin.run("shardmap", "plan", "--partitions", "nope=2");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: RESOURCE_NOT_FOUND: ");

        var zero = admin.run("shardmap", "plan", "--partitions", "metrics.cpu=0");
        assertThat(zero.exit()).isEqualTo(1);
        assertThat(zero.err()).startsWith("error: VALIDATION_FAILED: ");

        assertThat(admin.run("shardmap", "plan", "--add-node", ":z1").exit()).isEqualTo(2);
        assertThat(admin.run("shardmap", "plan", "--add-node", "n:z1:heavy").exit()).isEqualTo(2);
        assertThat(admin.run("shardmap", "plan", "--add-node", "n:z1:0").exit()).isEqualTo(2);
        assertThat(admin.run("shardmap", "plan", "--add-node", "n:z1:1:x").exit()).isEqualTo(2);
        assertThat(admin.run("shardmap", "plan", "--partitions", "metrics.cpu").exit()).isEqualTo(2);
    }

    @Test
    void applyReportsTheMapVersion() {
        var applied = admin.run("shardmap", "apply", "-o", "json");

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.json().path("workspace_id").asText()).isEqualTo("default");
        assertThat(applied.json().path("version").asLong()).isEqualTo(mapVersion());
        assertThat(admin.run("shardmap", "apply").out()).startsWith("applied; workspace default is at map version ");
    }

    /**
     * Runs {@code corral ARGS} on another thread, creating resources {@code PREFIX0, PREFIX1, …} in
     * {@code workspace} until it returns.
     */
    private static Corral.Result watchWhileChanging(String workspace, String prefix, String... args)
            throws Exception {
        CompletableFuture<Corral.Result> watch = CompletableFuture.supplyAsync(() -> admin.run(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            try {
                return watch.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWatching) {
                created(admin.run("resources", "create", "-w", workspace, prefix + i));
            }
        }
        throw new AssertionError("the watch did not return");
    }

    /** A new workspace with two nodes of its own, so only the test's own resources change its map. */
    private static void quietWorkspace(String workspace) {
        created(admin.run("workspaces", "create", workspace));
        admin.registerNodes(workspace, workspace + "-n", 2);
    }

    private static long version(String watchLine) {
        return Long.parseLong(watchLine.split("[ :]")[1]);
    }

    @Test
    void watchPrintsTheNextVersionAndStopsAfterCount() throws Exception {
        quietWorkspace("lp");
        long before = admin.run("shardmap", "show", "-w", "lp", "-o", "json").json().path("version").asLong();

        var watched = watchWhileChanging("lp", "lp", "shardmap", "watch", "-w", "lp", "--count", "1");

        assertThat(watched.exit()).as(watched.toString()).isZero();
        assertThat(watched.out().lines().toList()).singleElement().asString()
                .matches("version \\d+: [1-9]\\d* resources?, [1-9]\\d* shards?");
        assertThat(version(watched.out())).isGreaterThan(before);
        assertThat(watched.err()).contains("watching workspace lp from map version " + before);
    }

    @Test
    void watchOverServerSentEventsPrintsEachChange() throws Exception {
        quietWorkspace("sse");

        var watched = watchWhileChanging("sse", "sse", "shardmap", "watch", "-w", "sse", "--sse", "--count", "2");

        assertThat(watched.exit()).as(watched.toString()).isZero();
        List<String> lines = watched.out().lines().toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).matches("version \\d+: [^ :]+: .+"));
        assertThat(lines.get(0)).as("the first change is a resource the test created").matches("version \\d+: sse\\d+: .+");
        assertThat(version(lines.get(1))).isGreaterThan(version(lines.get(0)));

        quietWorkspace("ssej");
        var json = watchWhileChanging("ssej", "json", "shardmap", "watch", "-w", "ssej", "--sse", "--count", "1",
                "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.out().lines().count()).isEqualTo(1);
        assertThat(json.json().path("resource_id").asText()).startsWith("json");
        assertThat(json.json().path("version").asLong()).isGreaterThan(version(lines.get(1)));
        assertThat(json.json().path("changed_shards")).isNotEmpty();
    }

    @Test
    void watchUsageAndApiErrors() {
        assertThat(admin.run("shardmap", "watch", "--count", "0").exit()).isEqualTo(2);
        var missing = admin.run("shardmap", "watch", "-w", "nope", "--count", "1");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: WORKSPACE_NOT_FOUND: ");
        var missingSse = admin.run("shardmap", "watch", "--sse", "-w", "nope", "--count", "1");
        assertThat(missingSse.exit()).isEqualTo(1);
        assertThat(missingSse.err()).startsWith("error: WORKSPACE_NOT_FOUND: ");
    }
}
