package dev.federator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The shared shape of each vendor's rules test: for every rule file of the vendor, every body derived by
 * {@link RejectedBodies} must be refused by the rule and by the simulator (in the vendor's envelope), and the rule's
 * accepted example must get through. A rule file without a route in the test fails, so no rule goes unenforced.
 */
public final class RuleRefusals {
    /** What the simulator answered: status and parsed body (null when empty). */
    public record Answer(int status, JsonNode body) {}

    private RuleRefusals() {}

    /**
     * @param send      per rule name, sends a body to the operation the rule belongs to
     * @param refusal   asserts that an answer is the vendor's refusal (status and envelope)
     */
    public static Stream<DynamicTest> tests(RequestRules rules, Map<String, Function<JsonNode, Answer>> send,
                                            Consumer<Answer> refusal) {
        assertThat(send.keySet()).as("every rule of " + rules.vendor() + " is sent somewhere")
                .containsExactlyInAnyOrderElementsOf(rules.names());
        List<DynamicTest> tests = new ArrayList<>();
        for (String rule : rules.names()) {
            JsonNode schema = rules.schemaNode(rule);
            List<RejectedBodies.Rejected> rejected = RejectedBodies.derive(schema);
            tests.add(DynamicTest.dynamicTest(rule + " has bodies to refuse", () -> assertThat(rejected).isNotEmpty()));
            for (RejectedBodies.Rejected body : rejected) {
                tests.add(DynamicTest.dynamicTest(rule + " refuses " + body.what(), () -> {
                    assertThat(new RequestRules(rules.vendor()).check(rule, body.body())).as("the rule itself")
                            .isNotEmpty();
                    refusal.accept(send.get(rule).apply(body.body()));
                }));
            }
            tests.add(DynamicTest.dynamicTest(rule + " accepts its example", () -> {
                JsonNode example = RejectedBodies.example(schema);
                assertThat(new RequestRules(rules.vendor()).check(rule, example)).isEmpty();
                Answer answer = send.get(rule).apply(example);
                assertThat(answer.status()).as("%s", answer.body()).isBetween(200, 299);
            }));
        }
        return tests.stream();
    }
}
