package dev.federator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@code helm lint --strict} says about the chart (the build packages it only if this passes), and Chart.yaml. */
class ChartLintTest {
    @Test
    void chartLintsStrictlyWithoutFindings() {
        LintResult lint = ChartArchive.lint(RenderedInstall.CHART);
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintFailsABrokenChart() throws IOException {
        Path copy = Path.of("target", "chart-lint", "federator");
        copyTree(RenderedInstall.CHART, copy);
        Files.writeString(copy.resolve("Chart.yaml"), Files.readString(copy.resolve("Chart.yaml"))
                .replace("version: ", "version: not-semver-"));
        assertThat(ChartArchive.lint(copy).isFailed()).isTrue();
    }

    @Test
    void chartYamlHasWhatRepositoriesAndArtifactHubShow() throws IOException {
        JsonNode chart = new ObjectMapper(new YAMLFactory()).readTree(RenderedInstall.CHART.resolve("Chart.yaml").toFile());
        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("name").asText()).isEqualTo(RenderedInstall.CHART.getFileName().toString());
        assertThat(chart.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
        assertThat(chart.path("appVersion").asText()).isNotBlank();
        assertThat(chart.path("description").asText()).isNotBlank();
        assertThat(chart.path("type").asText()).isEqualTo("application");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
