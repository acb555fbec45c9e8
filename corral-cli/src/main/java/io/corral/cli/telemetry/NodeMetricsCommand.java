package io.corral.cli.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral nodes metrics ID --period 1h [--metric cpu]}: current, average and peak of a node's metrics. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Show a node's metrics over a period: current, average, peak and the number of points.")
public final class NodeMetricsCommand implements Callable<Integer> {
    @Mixin
    ApiConnection api;

    @Parameters(index = "0", description = "Node id.")
    String id;

    @Option(names = "--period", defaultValue = "1h", description = "5m, 1h, 6h, 24h or 7d (default ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--metric", description = "Only cpu, memory, storage, network, load, connections or application.")
    String metric;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Run.safely(spec, () -> {
            String q = "?period=" + ApiConnection.enc(period) + (metric == null ? "" : "&metric=" + ApiConnection.enc(metric));
            JsonNode d = api.get(api.workspacePath() + "/nodes/" + ApiConnection.enc(id) + "/metrics" + q).get("data");
            PrintWriter out = spec.commandLine().getOut();
            if (api.json()) {
                out.println(ApiConnection.pretty(d));
                out.flush();
                return;
            }
            Table t = new Table("METRIC", "CURRENT", "AVERAGE", "PEAK", "POINTS");
            row(t, "cpu %", d.get("cpu"), "current_percentage", "average_percentage", "peak_percentage");
            row(t, "memory %", d.get("memory"), "current_percentage", "average_percentage", "peak_percentage");
            row(t, "storage %", d.get("storage"), "current_percentage", "average_percentage", "peak_percentage");
            row(t, "load (1m)", d.get("load"), "current", "average", "peak");
            row(t, "connections", d.get("connections"), "current", "average", "peak");
            row(t, "network in Mbit/s", d.get("network"), "in_mbps", "average_in_mbps", "peak_in_mbps");
            row(t, "network out Mbit/s", d.get("network"), "out_mbps", "average_out_mbps", "peak_out_mbps");
            JsonNode app = d.get("application");
            if (app != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = app.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    t.row("app " + e.getKey(), e.getValue().asText(), null, null, null);
                }
            }
            out.println("node " + d.get("node_id").asText() + ", period " + d.get("period").asText()
                    + ", latest sample " + (d.get("latest_sample_at").isNull() ? "none" : d.get("latest_sample_at").asText()));
            t.print(out);
        });
    }

    private static void row(Table t, String label, JsonNode group, String current, String average, String peak) {
        if (group == null) {
            return;
        }
        JsonNode series = group.get("series");
        t.row(label, num(group.get(current)), num(group.get(average)), num(group.get(peak)),
                series == null ? null : series.size());
    }

    private static String num(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }
}
