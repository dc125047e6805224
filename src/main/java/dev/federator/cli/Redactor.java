package dev.federator.cli;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Every secret value the CLI has read, masked in whatever it prints: the plan never holds one by design, and this
 * keeps it so when a vendor's error message or a non-secret field happens to echo one.
 */
final class Redactor {
    /** Shorter values would mask ordinary words; no credential a vendor accepts is this short. */
    private static final int MIN_LENGTH = 6;
    private static final String MASK = "******";

    private final Set<String> values = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    void add(String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            values.add(value.strip());
        }
    }

    String redact(String text) {
        String result = text;
        for (String value : values) {
            result = result.replace(value, MASK);
        }
        return result;
    }
}
