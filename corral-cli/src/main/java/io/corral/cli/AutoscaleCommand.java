package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.AutoscaleUpdate;
import io.corral.client.CorralClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral autoscale show|set}: a workspace's autoscale policy (promote standby nodes when a node's
 * metric is above the high water, drain idle nodes below the low water) and what it last decided. Setting
 * it needs an admin key.
 */
@Command(name = "autoscale", mixinStandardHelpOptions = true,
        description = "Show or change a workspace's autoscale policy.",
        subcommands = {AutoscaleCommand.Show.class, AutoscaleCommand.Set.class})
final class AutoscaleCommand {

    /** {@code corral autoscale show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the policy, the standby pool and the latest decision.")
    static final class Show extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Override
        void run(CorralClient client, Printer printer) {
            JsonNode policy = client.autoscale().get(ws.workspace);
            printer.result(policy, () -> AutoscaleView.render(policy));
        }
    }

    /** {@code corral autoscale set [--enabled true|false] [--metric M] …} (admin): changes only what is given. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change the policy (only the settings given; admin).")
    static final class Set extends ApiCommand {
        @Mixin
        WorkspaceOption ws;

        @Option(names = "--enabled", arity = "1", paramLabel = "true|false", description = "Switch it on or off.")
        Boolean enabled;

        @Option(names = "--metric", paramLabel = "NAME",
                description = "Heartbeat metric to read, e.g. keys, points, cpu_percent, memory_percent.")
        String metric;

        @Option(names = "--high-water", paramLabel = "N", description = "Scale out above this; 0 never scales out.")
        Double highWater;

        @Option(names = "--low-water", paramLabel = "N", description = "Scale in below this; 0 never scales in.")
        Double lowWater;

        @Option(names = "--min-nodes", paramLabel = "N", description = "Never drain below this many nodes.")
        Integer minNodes;

        @Option(names = "--max-nodes", paramLabel = "N", description = "Never grow past this many nodes; 0 no cap.")
        Integer maxNodes;

        @Option(names = "--interval", paramLabel = "DURATION", description = "How often to evaluate, e.g. 30s.")
        String interval;

        @Option(names = "--cooldown", paramLabel = "DURATION", description = "Least time between actions, e.g. 5m.")
        String cooldown;

        @Override
        void run(CorralClient client, Printer printer) {
            AutoscaleUpdate update = update();
            if (update.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "nothing to set: give at least one "
                        + "of --enabled, --metric, --high-water, --low-water, --min-nodes, --max-nodes, --interval, "
                        + "--cooldown");
            }
            JsonNode policy = client.autoscale().set(ws.workspace, update);
            printer.result(policy, () -> AutoscaleView.render(policy));
        }

        private AutoscaleUpdate update() {
            AutoscaleUpdate u = new AutoscaleUpdate();
            if (enabled != null) {
                u.enabled(enabled);
            }
            if (metric != null) {
                u.metric(metric);
            }
            if (highWater != null) {
                u.highWater(highWater);
            }
            if (lowWater != null) {
                u.lowWater(lowWater);
            }
            if (minNodes != null) {
                u.minNodes(minNodes);
            }
            if (maxNodes != null) {
                u.maxNodes(maxNodes);
            }
            if (interval != null) {
                u.interval(interval);
            }
            if (cooldown != null) {
                u.cooldown(cooldown);
            }
            return u;
        }
    }
}
