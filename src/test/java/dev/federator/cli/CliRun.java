package dev.federator.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** One in-process run of the command line: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) { return withStdin("", args); }

    /** With {@code stdin} as standard input, for "-" (e.g. kustomize build output). */
    static synchronized CliRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FederatorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = cli.execute(args);
            return new CliRun(exit, out.toString(), err.toString());
        } finally {
            System.setIn(before);
        }
    }

    @Override
    public String toString() { return "exit " + exit + "\n" + out + err; }
}
