package dev.federator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl get shows the columns in the CRD's order: the committed CRDs must list them as users expect, AGE last. */
class PrinterColumnOrderTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = ';', value = {
            "identityconnections;crds;Platform,Type,Ready,Synced,External-ID,Reason,Age",
            "identityplatforms;crds;Vendor,Ready,Reason,Age",
            "clusteridentityplatforms;crds;Vendor,Ready,Reason,Age",
            "identityconnections;deploy/helm/federator/crds;Platform,Type,Ready,Synced,External-ID,Reason,Age",
            "identityplatforms;deploy/helm/federator/crds;Vendor,Ready,Reason,Age",
            "clusteridentityplatforms;deploy/helm/federator/crds;Vendor,Ready,Reason,Age"})
    void committedCrdListsTheColumnsInTheExpectedOrder(String plural, String directory, String expected)
            throws IOException {
        assertThat(columns(Path.of(directory, plural + ".federator.dev.yaml"), false))
                .containsExactly(expected.split(","));
    }

    @Test
    void readmeShowsTheHeaderKubectlPrints() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> lines = readme.lines().toList();
        int command = lines.indexOf("$ kubectl get idc");
        assertThat(command).as("README has a `$ kubectl get idc` example").isNotNegative();
        List<String> header = List.of(lines.get(command + 1).trim().split("\\s+"));
        List<String> expected = new ArrayList<>(List.of("NAME"));
        columns(Path.of("crds", "identityconnections.federator.dev.yaml"), true)
                .forEach(name -> expected.add(name.toUpperCase(Locale.ROOT)));
        assertThat(header).isEqualTo(expected);
    }

    @Test
    void reorderFollowsTheDeclarationOrderAndKeepsTheRestOfTheFile() {
        String generated = """
                spec:
                  versions:
                  - additionalPrinterColumns:
                    - jsonPath: ".metadata.creationTimestamp"
                      name: "Age"
                      priority: 0
                      type: "date"
                    - jsonPath: ".status.conditions[?(@.type==\\"Ready\\")].reason"
                      name: "Reason"
                      priority: 1
                      type: "string"
                    - jsonPath: ".status.vendor"
                      name: "Vendor"
                      priority: 0
                      type: "string"
                    name: "v1alpha1"
                    served: true
                """;
        String reordered = PrinterColumnOrder.reorder(generated, List.of("Vendor", "Reason", "Age"));
        assertThat(reordered).isEqualTo("""
                spec:
                  versions:
                  - additionalPrinterColumns:
                    - jsonPath: ".status.vendor"
                      name: "Vendor"
                      priority: 0
                      type: "string"
                    - jsonPath: ".status.conditions[?(@.type==\\"Ready\\")].reason"
                      name: "Reason"
                      priority: 1
                      type: "string"
                    - jsonPath: ".metadata.creationTimestamp"
                      name: "Age"
                      priority: 0
                      type: "date"
                    name: "v1alpha1"
                    served: true
                """);
        assertThatThrownBy(() -> PrinterColumnOrder.reorder(generated, List.of("Vendor", "Age")))
                .hasMessageContaining("not the declared ones");
    }

    @Test
    void theDeclaredOrderIsTheSourceOrderOfTheAnnotations() {
        assertThat(PrinterColumnOrder.RESOURCES).allSatisfy(resource ->
                assertThat(PrinterColumnOrder.declaredOrder(resource)).last().isEqualTo("Age"));
    }

    /** Column names in CRD order; only those kubectl shows without -o wide when defaultOnly. */
    private static List<String> columns(Path crd, boolean defaultOnly) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode column : YAML.readTree(crd.toFile()).path("spec").path("versions").get(0)
                .path("additionalPrinterColumns")) {
            if (!defaultOnly || column.path("priority").asInt(0) == 0) {
                names.add(column.path("name").asText());
            }
        }
        return names;
    }
}
