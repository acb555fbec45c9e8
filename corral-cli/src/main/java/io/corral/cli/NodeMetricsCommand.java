package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral nodes metrics ID --period 1h [--metric cpu]}: current, average and peak of a node's metrics. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Show a node's metrics over a period: current, average, peak and the number of points.")
final class NodeMetricsCommand extends ApiCommand {
    @Mixin
    WorkspaceOption ws;

    @Parameters(paramLabel = "ID", description = "Node id.")
    String id;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "1h",
            description = "5m, 1h, 6h, 24h or 7d (default ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "Only cpu, memory, storage, network, load, connections or application.")
    String metric;

    @Override
    void run(CorralClient client, Printer printer) {
        JsonNode metrics = client.nodes().metrics(ws.workspace, id, period, metric);
        printer.result(metrics, () -> TelemetryViews.nodeMetrics(metrics));
    }
}
