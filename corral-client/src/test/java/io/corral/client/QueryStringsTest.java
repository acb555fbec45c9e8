package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringsTest {

    @Test
    void encodeKeepsOnlyUnreservedCharacters() {
        assertThat(Uris.encode("web-1.a_b~c")).isEqualTo("web-1.a_b~c");
        assertThat(Uris.encode("a/b?c&d=e f")).isEqualTo("a%2Fb%3Fc%26d%3De%20f");
        assertThat(Uris.encode("host:8080")).isEqualTo("host%3A8080");
        assertThat(Uris.encode("zürich")).isEqualTo("z%C3%BCrich");
    }

    @Test
    void queryLeavesOutNullsAndIsEmptyWithoutParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("a", null);
        assertThat(Uris.query(p)).isEmpty();
        p.put("b", "x y");
        p.put("c", "1");
        assertThat(Uris.query(p)).isEqualTo("?b=x%20y&c=1");
    }

    @Test
    void nodeQueryUsesTheApiParameterNames() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod");
        labels.put("team", "db");
        NodeQuery q = NodeQuery.all().withStatuses(List.of("active", "maintenance")).withRole("worker")
                .withLabels(labels).withZone("z1").withRegion("eu").withPlanId("p1").withSearch("web")
                .withPage(2, 10);

        assertThat(q.toQueryString()).isEqualTo("?status=active%2Cmaintenance&role=worker"
                + "&labels=env%3Dprod%2Cteam%3Ddb&zone=z1&region=eu&plan_id=p1&search=web&page=2&per_page=10");
        assertThat(NodeQuery.all().toQueryString()).isEmpty();
    }

    @Test
    void nodeQueryWithersCopy() {
        NodeQuery base = NodeQuery.all();
        NodeQuery filtered = base.withRole("worker");

        assertThat(base.role()).isNull();
        assertThat(filtered.role()).isEqualTo("worker");
    }

    @Test
    void eventQueryUsesTheApiParameterNames() {
        EventQuery q = EventQuery.all().withType("node.registered").withNodeId("web-1").withSince("1h")
                .withLimit(5);

        assertThat(q.toQueryString()).isEqualTo("?type=node.registered&node_id=web-1&since=1h&limit=5");
    }
}
