package dev.federator.cli;

/** What a pipeline can rely on; documented in docs/cli.md. */
public final class ExitCodes {
    public static final int NO_CHANGE = 0;
    public static final int ERROR = 1;
    public static final int CHANGES = 2;

    private ExitCodes() {}
}
