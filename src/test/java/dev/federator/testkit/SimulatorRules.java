package dev.federator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.sim.RequestRules;

/** The check adapter tests end with: every body the adapter sent passed the rules from the vendor's published schemas. */
public final class SimulatorRules {
    private SimulatorRules() {}

    /** Asserts no rule was broken, and closes the simulator whatever the outcome. */
    public static void assertKeptThenClose(RequestRules rules, AutoCloseable simulator) {
        try {
            assertThat(rules.broken()).as("request bodies that broke the vendor's published schema").isEmpty();
        } finally {
            try {
                simulator.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the simulator failed", e);
            }
        }
    }
}
