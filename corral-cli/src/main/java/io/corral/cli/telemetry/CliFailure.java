package io.corral.cli.telemetry;

/** A command failed in a way the user can act on; printed as {@code corral: <message>}, exit code 1. */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message, null, false, false);
    }
}
