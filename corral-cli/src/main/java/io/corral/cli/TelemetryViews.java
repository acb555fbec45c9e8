package io.corral.cli;

import static io.corral.cli.Views.list;
import static io.corral.cli.Views.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** How events, webhooks, their deliveries and node metrics look in table format, read from the API's JSON. */
final class TelemetryViews {
    private TelemetryViews() {
    }

    static String events(List<JsonNode> events) {
        Table t = new Table("LAST SEEN", "TYPE", "REASON", "NODE", "COUNT", "MESSAGE");
        for (JsonNode e : events) {
            t.row(text(e, "last_timestamp"), text(e, "type"), text(e, "reason"), text(e, "node_id"),
                    text(e, "count"), text(e, "message"));
        }
        return t.render();
    }

    /** One event of a watch: {@code LAST_SEEN  TYPE  REASON  NODE  xCOUNT  MESSAGE}. */
    static String eventLine(JsonNode e) {
        String node = text(e, "node_id");
        return String.join("  ", text(e, "last_timestamp"), text(e, "type"), text(e, "reason"),
                node == null ? "-" : node, "x" + e.path("count").asInt(), text(e, "message"));
    }

    static String webhooks(List<JsonNode> webhooks) {
        Table t = new Table("ID", "URL", "EVENTS", "CREATED");
        for (JsonNode w : webhooks) {
            t.row(text(w, "id"), text(w, "url"), list(w.path("events")), text(w, "created_at"));
        }
        return t.render();
    }

    static String deliveries(List<JsonNode> deliveries) {
        Table t = new Table("ID", "EVENT", "STATUS", "ATTEMPTS", "LAST CODE", "LAST ERROR", "NEXT ATTEMPT");
        for (JsonNode d : deliveries) {
            t.row(text(d, "id"), text(d, "event_type"), text(d, "status"), text(d, "attempts"),
                    text(d, "last_status_code"), text(d, "last_error"), text(d, "next_attempt_at"));
        }
        return t.render();
    }

    /**
     * A heading line ({@code node ID, period P, latest sample T}) and a table with one row per metric:
     * current, average, peak and the number of points in the period; application metrics show their
     * latest value only.
     */
    static String nodeMetrics(JsonNode d) {
        Table t = new Table("METRIC", "CURRENT", "AVERAGE", "PEAK", "POINTS");
        row(t, "cpu %", d.path("cpu"), "current_percentage", "average_percentage", "peak_percentage");
        row(t, "memory %", d.path("memory"), "current_percentage", "average_percentage", "peak_percentage");
        row(t, "storage %", d.path("storage"), "current_percentage", "average_percentage", "peak_percentage");
        row(t, "load (1m)", d.path("load"), "current", "average", "peak");
        row(t, "connections", d.path("connections"), "current", "average", "peak");
        row(t, "network in Mbit/s", d.path("network"), "in_mbps", "average_in_mbps", "peak_in_mbps");
        row(t, "network out Mbit/s", d.path("network"), "out_mbps", "average_out_mbps", "peak_out_mbps");
        for (Map.Entry<String, JsonNode> e : d.path("application").properties()) {
            t.row("app " + e.getKey(), e.getValue().asText(), null, null, null);
        }
        String latest = text(d, "latest_sample_at");
        return "node " + text(d, "node_id") + ", period " + text(d, "period") + ", latest sample "
                + (latest == null ? "none" : latest) + "\n" + t.render();
    }

    private static void row(Table t, String label, JsonNode group, String current, String average, String peak) {
        if (group.isMissingNode()) {
            return;
        }
        JsonNode series = group.get("series");
        t.row(label, text(group, current), text(group, average), text(group, peak),
                series == null ? null : Integer.toString(series.size()));
    }
}
