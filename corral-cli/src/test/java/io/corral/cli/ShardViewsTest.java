package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardViewsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    @Test
    void aChangeLineNamesTheResourceTheReasonAndTheShards() throws IOException {
        assertThat(ShardViews.changeLine(json("{\"version\": 18, \"resource_id\": \"mydb.cpu\", \"reason\": \"re-placement\","
                + " \"changed_shards\": [0, 1], \"removed_shards\": [2]}")))
                .isEqualTo("version 18: mydb.cpu: re-placement (changed shards 0,1; removed shards 2)");
        assertThat(ShardViews.changeLine(json("{\"version\": 19, \"resource_id\": \"mydb.cpu\","
                + " \"reason\": \"resource deleted\", \"resource_deleted\": true, \"changed_shards\": [],"
                + " \"removed_shards\": []}")))
                .isEqualTo("version 19: mydb.cpu: resource deleted");
    }

    @Test
    void aMapLineCountsResourcesAndShardsAndSaysWhenTheClusterIsInMaintenance() throws IOException {
        assertThat(ShardViews.mapLine(json("{\"version\": 7, \"maintenance\": {\"enabled\": true}, \"resources\":"
                + " [{\"shards\": [{}, {}]}, {\"shards\": [{}]}]}")))
                .isEqualTo("version 7: 2 resources, 3 shards, cluster maintenance on");
        assertThat(ShardViews.mapLine(json("{\"version\": 1, \"maintenance\": {\"enabled\": false}, \"resources\":"
                + " [{\"shards\": [{}]}]}")))
                .isEqualTo("version 1: 1 resource, 1 shard");
    }

    @Test
    void shardRowsPutTheLeaderApartFromTheFollowers() throws IOException {
        JsonNode map = json("{\"resource_id\": \"t\", \"shards\": [{\"id\": 0, \"state\": \"active\", \"replicas\": ["
                + "{\"node_id\": \"b\", \"role\": \"follower\"}, {\"node_id\": \"a\", \"role\": \"leader\"},"
                + " {\"node_id\": \"c\", \"role\": \"follower\"}]}, {\"id\": 1, \"state\": \"unplaced\", \"replicas\": []}]}");

        assertThat(ShardViews.shards(List.of(map), 4)).isEqualTo(""
                + "RESOURCE   SHARD   STATE      LEADER   FOLLOWERS\n"
                + "t          0       active     a        b,c\n"
                + "t          1       unplaced   -        -\n"
                + "\n"
                + "map version 4\n");
    }

    @Test
    void aPlanWithoutMovesSaysSoAndAServerCutIsNoted() throws IOException {
        String none = ShardViews.plan(json("{\"stats\": {\"replicas\": 4, \"moved\": 0, \"max_over_avg_load\": 1.0},"
                + " \"warnings\": [], \"moves\": []}"), 50);
        assertThat(none).contains("max_over_avg_load:  1.00\n").endsWith("\nno replica would move\n")
                .doesNotContain("warning");

        String cut = ShardViews.plan(json("{\"stats\": {}, \"warnings\": [\"w1\"], \"moves_truncated\": true,"
                + " \"moves\": [{\"resource_id\": \"t\", \"shard\": 0, \"from\": null, \"to\": \"n1\"},"
                + " {\"resource_id\": \"t\", \"shard\": 1, \"from\": \"n1\", \"to\": \"n2\"}]}"), 1);
        assertThat(cut).contains("\nwarning: w1\n").contains("t          0       -      n1\n")
                .doesNotContain("n2").contains("… 1 more move (2 in all); --all lists them\n")
                .endsWith("the server listed only the first 2 moves\n");
    }
}
