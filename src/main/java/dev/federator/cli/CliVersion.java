package dev.federator.cli;

import picocli.CommandLine;

/** The version of the jar the command runs from (its manifest), as the operator image of the same build. */
final class CliVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CliVersion.class.getPackage().getImplementationVersion();
        return new String[] {"federator " + (version == null ? "(development build)" : version)};
    }
}
