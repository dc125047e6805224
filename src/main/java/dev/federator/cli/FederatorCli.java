package dev.federator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the command line. Exit codes: 0 nothing to change, 2 changes (diff only), 1 any error or invalid
 * input; picocli's own usage errors are mapped to 1 so that 2 keeps its one meaning.
 */
@Command(name = "federator", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        exitCodeOnInvalidInput = ExitCodes.ERROR, exitCodeOnExecutionException = ExitCodes.ERROR,
        description = "Preview and onboard Federator connections. Reads the vendors and the cluster; writes to neither.",
        subcommands = {DiffCommand.class, ExportCommand.class})
public final class FederatorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests that run it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new FederatorCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: diff or export");
    }
}
