package io.corral.cli;

import picocli.CommandLine.Option;

/** {@code -w/--workspace} for commands acting inside one workspace; env CORRAL_WORKSPACE, default {@code default}. */
final class WorkspaceOption {
    @Option(names = {"-w", "--workspace"}, paramLabel = "WS", defaultValue = "default",
            description = "Workspace; env CORRAL_WORKSPACE (default ${DEFAULT-VALUE}).")
    String workspace;
}
