package io.corral.cli;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values for the operator commands ({@code nodes}, {@code keys}, …). Only the shared connection
 * and output options take defaults from the environment and the config file (through {@link Settings}:
 * {@code CORRAL_TOKEN}, {@code CORRAL_DATA_DIR}, {@code CORRAL_OUTPUT}, {@code CORRAL_WORKSPACE}, …), and
 * {@code --server} also honours {@code CORRAL_URL}, which wins over {@code CORRAL_SERVER} and the file.
 * Per-command options ({@code --id}, {@code --name}, {@code --role}, …) keep their built-in defaults, so a
 * stray {@code CORRAL_ROLE} in the environment cannot silently change what a command does.
 */
final class OperatorDefaults implements CommandLine.IDefaultValueProvider {
    static final String URL_VARIABLE = "CORRAL_URL";
    private static final Set<String> FROM_SETTINGS = Set.of("server", "token", "data-dir", "output", "workspace");

    private final Map<String, String> env;
    private final CommandLine.IDefaultValueProvider settings;

    OperatorDefaults(Map<String, String> env, CommandLine.IDefaultValueProvider settings) {
        this.env = env;
        this.settings = settings;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) throws Exception {
        if (!(argSpec instanceof OptionSpec option)) {
            return argSpec.defaultValue();
        }
        String name = option.longestName().replaceFirst("^-+", "");
        if (name.equals("server")) {
            String url = env.get(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                return url;
            }
        }
        return FROM_SETTINGS.contains(name) ? settings.defaultValue(argSpec) : argSpec.defaultValue();
    }
}
