package dev.federator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** crds/ is what users install: it must be exactly what this build generates from the Java model. */
class CrdsAreCurrentIT {
    @ParameterizedTest
    @ValueSource(strings = {"identityconnections", "identityplatforms", "clusteridentityplatforms"})
    void committedCrdMatchesTheGeneratedOne(String plural) throws IOException {
        Path generated = Path.of("target", "kubernetes", plural + ".federator.dev-v1.yml");
        Path committed = Path.of("crds", plural + ".federator.dev.yaml");
        assertThat(Files.readString(committed))
                .as("crds/%s is out of date: run `./mvnw package -DskipTests && bin/update-crds` and commit it",
                        committed.getFileName())
                .isEqualTo(Files.readString(generated));
    }
}
