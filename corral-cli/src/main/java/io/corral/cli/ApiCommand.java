package io.corral.cli;

import io.corral.client.ApiException;
import io.corral.client.CorralClient;
import io.corral.client.CorralClientException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The frame of every operator command: builds the client from the shared {@link ApiOptions}, runs the
 * command, and turns failures into exit codes. Exit 0 on success; 1 when the server reports an error
 * (printed as {@code error: CODE: message} on stderr) or cannot be reached; 2 for usage errors, which
 * picocli reports, including an unusable {@code --server} URL.
 */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    /** Does the work with a ready client; throws {@link ApiException} or {@link CorralClientException} on failure. */
    abstract void run(CorralClient client, Printer printer);

    @Override
    public final Integer call() {
        CommandLine cli = spec.commandLine();
        Printer printer = new Printer(cli.getOut(), cli.getErr(), api.output);
        try {
            String token = api.resolveToken();
            CorralClient client;
            try {
                client = api.client(token);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--server: " + e.getMessage());
            }
            try {
                run(client, printer);
                return 0;
            } catch (ApiException e) {
                reportApiError(printer, e, token == null);
                return 1;
            }
        } catch (CorralClientException | UncheckedIOException e) {
            printer.note("error: " + e.getMessage());
            return 1;
        } finally {
            printer.flush();
        }
    }

    private void reportApiError(Printer printer, ApiException e, boolean noToken) {
        printer.note("error: " + e.code() + ": " + e.getMessage());
        if (e.httpStatus() == 401 && noToken) {
            printer.note("hint: no token given; pass --token or set CORRAL_TOKEN (no " + api.adminTokenFile()
                    + " either)");
        }
    }
}
