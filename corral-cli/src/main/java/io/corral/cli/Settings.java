package io.corral.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Where option values come from, highest precedence first: the command-line flag; the environment
 * variable {@code CORRAL_<OPTION>} (for {@code --node-timeout}: {@code CORRAL_NODE_TIMEOUT}); the
 * config file given by {@code --config FILE} or {@code CORRAL_CONFIG} (Java properties, keys named
 * like the options without dashes in front: {@code node-timeout=30s}); the built-in default.
 */
final class Settings implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;
    private final Properties file;

    Settings(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    static Settings fromEnvironmentAndFile(String[] args) {
        Map<String, String> env = System.getenv();
        String configPath = env.get("CORRAL_CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configPath = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                configPath = args[i].substring("--config=".length());
            }
        }
        return new Settings(env, load(configPath));
    }

    static Properties load(String path) {
        Properties p = new Properties();
        if (path == null || path.isBlank()) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(Path.of(path))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path, e);
        }
        return p;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        if (name.equals("config")) {
            return null;
        }
        String fromEnv = env.get("CORRAL_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name);
        return fromFile != null ? fromFile.trim() : option.defaultValue();
    }
}
