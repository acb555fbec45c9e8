package io.corral.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or {@code dev} when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CorralCli.class.getPackage().getImplementationVersion();
        return new String[] {"corral " + (v == null ? "dev" : v)};
    }
}
