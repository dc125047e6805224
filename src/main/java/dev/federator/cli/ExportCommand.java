package dev.federator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code federator export}: manifests for the connections a platform already has. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Not yet available.")
final class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("export is not available yet");
    }
}
