package dev.federator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.provider.spi.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** deploy/argocd/health.lua and the {@link Reason} list agree: it names only real reasons, and gives each its health. */
class ReasonHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words of the script that are not reasons: condition types, condition statuses, Argo CD health states. */
    private static final Set<String> NOT_REASONS = Set.of("Ready", "Synced", "CertificateExpiring", "True", "False",
            "Unknown", "Healthy", "Progressing", "Degraded");

    @Test
    void theScriptNamesOnlyReasonsThatExist() throws IOException {
        Matcher words = Pattern.compile("\"([A-Z][A-Za-z]+)\"").matcher(Files.readString(
                Path.of("deploy", "argocd", "health.lua")));
        Set<String> named = new TreeSet<>();
        while (words.find()) {
            if (!NOT_REASONS.contains(words.group(1))) {
                named.add(words.group(1));
            }
        }
        assertThat(named).as("reasons health.lua keys on").isNotEmpty();
        for (String name : named) {
            assertThat(Arrays.stream(Reason.values()).map(Reason::name)).as("health.lua names %s", name).contains(name);
        }
    }

    static Stream<Reason> conditionReasons() {
        return Arrays.stream(Reason.values()).filter(r -> r.condition() != Reason.On.NO_CONDITION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionReasons")
    void everyReasonGetsTheHealthTheEnumSays(Reason reason) throws IOException {
        ObjectNode resource = JSON.createObjectNode();
        resource.putObject("metadata").put("name", "corp").put("generation", 3);
        ObjectNode status = resource.putObject("status").put("observedGeneration", 3);
        ArrayNode conditions = status.putArray("conditions");
        switch (reason.condition()) {
            case READY -> {
                boolean healthy = reason.health() == Reason.Health.HEALTHY;
                condition(conditions, "Ready", healthy, reason);
                // A failure goes on Synced too; a healthy Ready reason comes with a finished pass.
                condition(conditions, "Synced", healthy, healthy ? Reason.Synced : reason);
            }
            case SYNCED -> {
                condition(conditions, "Ready", true, Reason.InSync);
                condition(conditions, "Synced", true, reason);
            }
            case CERTIFICATE_EXPIRING -> {
                condition(conditions, "Ready", true, Reason.InSync);
                condition(conditions, "CertificateExpiring", reason == Reason.CertificateExpiresSoon, reason);
            }
            case NO_CONDITION -> throw new IllegalStateException();
        }

        String health = ArgoCdHealthCheckTest.health(resource).get("status");

        assertThat(health).isEqualToIgnoringCase(reason.health().name().toLowerCase(Locale.ROOT));
    }

    private static void condition(ArrayNode conditions, String type, boolean status, Reason reason) {
        conditions.addObject().put("type", type).put("status", status ? "True" : "False")
                .put("reason", reason.name()).put("message", reason.meaning()).put("observedGeneration", 3);
    }
}
