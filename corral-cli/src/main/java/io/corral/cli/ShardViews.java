package io.corral.cli;

import static io.corral.cli.Views.list;
import static io.corral.cli.Views.pairs;
import static io.corral.cli.Views.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How resources, shard maps, map changes, what-if plans and cluster maintenance look in table format. */
final class ShardViews {
    private ShardViews() {
    }

    static String resources(List<JsonNode> resources) {
        Table t = new Table("ID", "KIND", "ROUTING", "PARTITIONS", "RF", "SHARD KEYS");
        for (JsonNode r : resources) {
            t.row(text(r, "id"), text(r, "kind"), text(r, "routing"), text(r, "partitions"),
                    text(r, "replication_factor"), list(r.path("shard_keys")));
        }
        return t.render();
    }

    static String resource(JsonNode r) {
        return new Details()
                .add("id", text(r, "id"))
                .add("workspace_id", text(r, "workspace_id"))
                .add("kind", text(r, "kind"))
                .add("routing", text(r, "routing"))
                .add("shard_keys", list(r.path("shard_keys")))
                .add("partitions", text(r, "partitions"))
                .add("replication_factor", text(r, "replication_factor"))
                .add("time_slice", text(r, "time_slice"))
                .add("node_selector", pairs(r.path("node_selector")))
                .add("tolerations", tolerations(r.path("tolerations")))
                .add("spread_zones", text(r, "spread_zones"))
                .add("min_active_replicas", text(r, "min_active_replicas"))
                .add("created_at", text(r, "created_at"))
                .add("updated_at", text(r, "updated_at"))
                .render();
    }

    /** {@code key=value:effect} for Equal, {@code key:effect} for Exists; no effect means every effect. */
    private static String tolerations(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : array) {
            String key = text(t, "key") == null ? "" : text(t, "key");
            String value = text(t, "value") == null ? "" : text(t, "value");
            String effect = text(t, "effect");
            boolean equal = "Equal".equals(text(t, "operator"));
            out.add(key + (equal ? "=" + value : "") + (effect == null ? "" : ":" + effect));
        }
        return String.join(",", out);
    }

    /** One row per shard of the given resource maps, then the map version. */
    static String shards(List<JsonNode> resourceMaps, long version) {
        Table t = new Table("RESOURCE", "SHARD", "STATE", "LEADER", "FOLLOWERS");
        for (JsonNode map : resourceMaps) {
            for (JsonNode shard : map.path("shards")) {
                String leader = null;
                List<String> followers = new ArrayList<>();
                for (JsonNode replica : shard.path("replicas")) {
                    if ("leader".equals(text(replica, "role"))) {
                        leader = text(replica, "node_id");
                    } else if (text(replica, "node_id") != null) {
                        followers.add(text(replica, "node_id"));
                    }
                }
                t.row(text(map, "resource_id"), text(shard, "id"), text(shard, "state"), leader,
                        String.join(",", followers));
            }
        }
        return t.render() + "\nmap version " + version + "\n";
    }

    /** A workspace map in one line: {@code version 17: 2 resources, 24 shards}. */
    static String mapLine(JsonNode workspaceMap) {
        int shards = 0;
        for (JsonNode r : workspaceMap.path("resources")) {
            shards += r.path("shards").size();
        }
        int resources = workspaceMap.path("resources").size();
        boolean maintenance = workspaceMap.path("maintenance").path("enabled").asBoolean();
        return "version " + text(workspaceMap, "version") + ": " + count(resources, "resource") + ", "
                + count(shards, "shard") + (maintenance ? ", cluster maintenance on" : "");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A streamed change in one line: {@code version 18: mydb.cpu: placed (changed shards 0,1; removed shards 2)}. */
    static String changeLine(JsonNode change) {
        List<String> parts = new ArrayList<>();
        if (!change.path("changed_shards").isEmpty()) {
            parts.add("changed shards " + list(change.path("changed_shards")));
        }
        if (!change.path("removed_shards").isEmpty()) {
            parts.add("removed shards " + list(change.path("removed_shards")));
        }
        return "version " + text(change, "version") + ": " + text(change, "resource_id") + ": "
                + text(change, "reason") + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
    }

    /** A what-if plan: its numbers, its warnings, then at most {@code maxMoves} moves (all when negative). */
    static String plan(JsonNode plan, int maxMoves) {
        JsonNode s = plan.path("stats");
        StringBuilder out = new StringBuilder(new Details()
                .add("replicas", text(s, "replicas"))
                .add("moved", text(s, "moved"))
                .add("leader_changes", text(s, "leader_changes"))
                .add("max_over_avg_load", s.path("max_over_avg_load").isNumber()
                        ? String.format(Locale.ROOT, "%.2f", s.path("max_over_avg_load").asDouble()) : null)
                .add("unplaced", text(s, "unplaced"))
                .add("shards_changed", text(s, "shards_changed"))
                .render());
        if (!plan.path("warnings").isEmpty()) {
            out.append('\n');
            plan.path("warnings").forEach(w -> out.append("warning: ").append(w.asText()).append('\n'));
        }
        out.append('\n').append(moves(plan, maxMoves));
        return out.toString();
    }

    private static String moves(JsonNode plan, int maxMoves) {
        JsonNode moves = plan.path("moves");
        if (moves.isEmpty()) {
            return "no replica would move\n";
        }
        Table t = new Table("RESOURCE", "SHARD", "FROM", "TO");
        int shown = maxMoves < 0 ? moves.size() : Math.min(maxMoves, moves.size());
        for (int i = 0; i < shown; i++) {
            JsonNode m = moves.get(i);
            t.row(text(m, "resource_id"), text(m, "shard"), text(m, "from"), text(m, "to"));
        }
        StringBuilder out = new StringBuilder(t.render());
        if (shown < moves.size()) {
            out.append("… ").append(count(moves.size() - shown, "more move")).append(" (").append(moves.size())
                    .append(" in all); --all lists them\n");
        }
        if (plan.path("moves_truncated").asBoolean()) {
            out.append("the server listed only the first ").append(moves.size()).append(" moves\n");
        }
        return out.toString();
    }

    static String maintenance(JsonNode m) {
        return new Details()
                .add("enabled", text(m, "enabled"))
                .add("reason", text(m, "reason"))
                .add("by", text(m, "by"))
                .add("since", text(m, "since"))
                .render();
    }
}
