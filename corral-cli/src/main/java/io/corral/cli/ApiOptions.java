package io.corral.cli;

import io.corral.client.CorralClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every operator command shares (a picocli mixin): which coordinator to call, with which
 * token, and how to print. The token is {@code --token}, else {@code CORRAL_TOKEN} (or {@code token=} in the
 * config file), else the
 * {@code admin.token} file that {@code corral serve} wrote into {@code --data-dir}, else none.
 */
final class ApiOptions {
    static final String ADMIN_TOKEN_FILE = "admin.token";

    @Option(names = "--server", paramLabel = "URL", defaultValue = CorralClient.DEFAULT_BASE_URL,
            description = "Coordinator URL; env CORRAL_URL (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API key; env CORRAL_TOKEN (default: the admin.token in --data-dir, if there is one).")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./corral-data",
            description = "A local coordinator's data directory, to read admin.token from when no token is given"
                    + " (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table or json (default ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** The explicit token, else the admin token file's content, else null. */
    String resolveToken() {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = adminTokenFile();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String fromFile = Files.readString(file).strip();
            return fromFile.isEmpty() ? null : fromFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    Path adminTokenFile() {
        return dataDir.resolve(ADMIN_TOKEN_FILE);
    }

    /**
     * A client for {@code --server} with the resolved token.
     *
     * @throws IllegalArgumentException when {@code --server} is not an http(s) URL
     */
    CorralClient client(String resolvedToken) {
        return CorralClient.builder().baseUrl(server).token(resolvedToken).build();
    }
}
