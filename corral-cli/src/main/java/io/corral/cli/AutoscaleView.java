package io.corral.cli;

import static io.corral.cli.Views.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How an autoscale policy looks in table format: one {@code key: value} line per setting and status item. */
final class AutoscaleView {
    private AutoscaleView() {
    }

    static String render(JsonNode p) {
        JsonNode status = p.path("status");
        List<String> standbys = new ArrayList<>();
        for (JsonNode n : status.path("standby_nodes")) {
            standbys.add(text(n, "id") + " (" + text(n, "status") + ")");
        }
        JsonNode last = status.path("last_decision");
        String decision = last.isMissingNode() || last.isNull() ? null : text(last, "action")
                + (text(last, "node_id") == null ? "" : " " + text(last, "node_id"))
                + (text(last, "refusal") == null ? "" : " (" + text(last, "refusal") + ")") + ": "
                + text(last, "reason") + " at " + text(last, "at");
        return new Details()
                .add("workspace", text(p, "workspace_id"))
                .add("enabled", text(p, "enabled"))
                .add("metric", text(p, "metric"))
                .add("high_water", off(text(p, "high_water")))
                .add("low_water", off(text(p, "low_water")))
                .add("min_nodes", text(p, "min_nodes"))
                .add("max_nodes", "0".equals(text(p, "max_nodes")) ? "no cap" : text(p, "max_nodes"))
                .add("interval", text(p, "interval"))
                .add("cooldown", text(p, "cooldown"))
                .add("member_nodes", text(status, "member_nodes"))
                .add("standby_nodes", String.join(", ", standbys))
                .add("last_action_at", text(status, "last_action_at"))
                .add("cooldown_until", text(status, "cooldown_until"))
                .add("last_decision", decision)
                .render();
    }

    private static String off(String level) {
        return level == null || level.equals("0") || level.equals("0.0") ? "off" : level;
    }
}
