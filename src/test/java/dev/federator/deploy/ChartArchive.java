package dev.federator.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lints the chart as {@code helm lint --strict} does and packages it as {@code helm package} does, with the Helm
 * library helm-java bundles (no helm binary). Runs in the build (pom.xml, phase package), so a chart that does not
 * lint fails the build, and target/federator-&lt;chart version&gt;.tgz is what users install from.
 */
public final class ChartArchive {
    private ChartArchive() {}

    public static void main(String[] args) throws Exception {
        Path chart = Path.of(args[0]);
        Path destination = Path.of(args[1]);
        LintResult lint = lint(chart);
        if (lint.isFailed()) {
            throw new IllegalStateException("helm lint --strict " + chart + " failed: " + lint.getMessages());
        }
        Files.createDirectories(destination);
        new Helm(chart).packageIt().withDestination(destination).call();
    }

    static LintResult lint(Path chart) { return new Helm(chart).lint().strict().call(); }
}
