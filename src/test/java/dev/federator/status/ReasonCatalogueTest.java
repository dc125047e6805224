package dev.federator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.RetryClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reasons are public API: {@link Reason} is the only place one is spelled, every failure type says when to retry
 * through its reason, and docs/reference.md lists exactly the enum. (deploy/argocd/health.lua is checked in
 * ReasonHealthTest.)
 */
class ReasonCatalogueTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path ENUM = MAIN.resolve("dev/federator/provider/spi/Reason.java");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z]+)\"");
    /** Reasons handed to an API that takes a string: events and conditions built by hand. */
    private static final Pattern STRING_REASON = Pattern.compile(
            "\\.(?:normal|warning|withReason)\\((?:[^,()]+,\\s*)?\"[A-Za-z]+\"");
    private static final Set<String> CONDITION_TYPES = Arrays.stream(Reason.On.values()).map(Reason.On::type)
            .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    private static final Set<String> NAMES = Arrays.stream(Reason.values()).map(Reason::name)
            .collect(Collectors.toSet());

    @Test
    void noReasonIsSpelledOutsideTheEnum() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : mainSources()) {
            if (file.equals(ENUM)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("*") || line.trim().startsWith("/")) {
                    continue; // comments may tell a story with a reason in it
                }
                Matcher m = LITERAL.matcher(line);
                while (m.find()) {
                    // Condition types that share a reason's name (Synced) are spelled in the CRD's printer columns.
                    if (NAMES.contains(m.group(1)) && !CONDITION_TYPES.contains(m.group(1))) {
                        found.add(file + ":" + (i + 1) + " " + m.group());
                    }
                }
                if (STRING_REASON.matcher(line).find()) {
                    found.add(file + ":" + (i + 1) + " " + line.trim());
                }
            }
        }
        assertThat(found).as("reason literals outside Reason.java; use Reason.X instead").isEmpty();
    }

    @Test
    void theScanWouldCatchALiteral() {
        assertThat(LITERAL.matcher("throw new InvalidRequestException(\"InvalidField\", m)").find()).isTrue();
        assertThat(STRING_REASON.matcher("events.warning(connection, \"SomethingNew\", message)").find()).isTrue();
        assertThat(STRING_REASON.matcher("new ConditionBuilder().withReason(\"Fresh\")").find()).isTrue();
    }

    /** The exception class an adapter picks and the reason it names must agree on when to retry. */
    @Test
    void everyFailureIsThrownWithAReasonOfItsRetryClass() throws IOException {
        Map<String, RetryClass> expected = Map.of("TransientVendorException", RetryClass.RETRY_SOON,
                "AuthenticationException", RetryClass.RECHECK_CREDENTIALS,
                "InvalidRequestException", RetryClass.WAIT_FOR_CHANGE,
                "SecretProblem", RetryClass.WAIT_FOR_CHANGE,
                "PlatformProblem", RetryClass.WAIT_FOR_CHANGE);
        Pattern site = Pattern.compile("new (\\w+)\\(\\s*Reason\\.(\\w+)");
        List<String> wrong = new ArrayList<>();
        int sites = 0;
        for (Path file : mainSources()) {
            Matcher m = site.matcher(Files.readString(file));
            while (m.find()) {
                RetryClass want = expected.get(m.group(1));
                if (want != null) {
                    sites++;
                    if (Reason.valueOf(m.group(2)).retry() != want) {
                        wrong.add(file.getFileName() + ": " + m.group(1) + "(" + m.group(2) + ") but "
                                + m.group(2) + " is " + Reason.valueOf(m.group(2)).retry());
                    }
                }
            }
        }
        assertThat(sites).as("construction sites found").isGreaterThan(80);
        assertThat(wrong).isEmpty();
    }

    /** The failure types users can see; a new one must be added here on purpose (an abstract base, not sealed). */
    @Test
    void theFailureHierarchyIsKnown() throws IOException {
        Pattern extendsClause = Pattern.compile("class (\\w+) extends (\\w+)");
        Map<String, String> parents = new TreeMap<>();
        for (Path file : mainSources()) {
            Matcher m = extendsClause.matcher(Files.readString(file));
            while (m.find()) {
                parents.put(m.group(1), m.group(2));
            }
        }
        Set<String> failures = new TreeSet<>();
        for (String type : parents.keySet()) {
            for (String t = parents.get(type); t != null; t = parents.get(t)) {
                if (t.equals(ReconcileFailure.class.getSimpleName())) {
                    failures.add(type);
                }
            }
        }
        assertThat(failures).containsExactlyInAnyOrder("VendorException", "TransientVendorException",
                "OutcomeUnknownException", "AuthenticationException", "InvalidRequestException", "ConflictException",
                "SecretProblem", "PlatformProblem", "ConfigMapNotOwned");
    }

    @Test
    void everyFailureReasonSaysWhenToRetryAndEveryOutcomeDoesNot() {
        for (Reason reason : Reason.values()) {
            assertThat(reason.meaning()).as(reason.name()).isNotBlank();
            if (reason.use() == Reason.Use.EVENT) {
                assertThat(reason.condition()).as(reason.name()).isEqualTo(Reason.On.NO_CONDITION);
                assertThat(reason.health()).as(reason.name()).isEqualTo(Reason.Health.NO_HEALTH);
            } else {
                assertThat(reason.condition()).as(reason.name()).isNotEqualTo(Reason.On.NO_CONDITION);
                assertThat(reason.health()).as(reason.name()).isNotEqualTo(Reason.Health.NO_HEALTH);
            }
            if (reason.health() == Reason.Health.HEALTHY) {
                assertThat(reason.retry()).as(reason.name()).isEqualTo(RetryClass.NONE);
            }
        }
    }

    /** docs/reference.md's reasons table: one row per reason, with the enum's condition, retry class and health. */
    @Test
    void theReferenceDocumentsExactlyTheEnum() throws IOException {
        Map<String, String> rows = DocumentedReasons.read(Path.of("docs", "reference.md"));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
        for (Reason reason : Reason.values()) {
            assertThat(rows.get(reason.name())).as("docs/reference.md row of %s", reason)
                    .isEqualTo(DocumentedReasons.row(reason));
        }
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
