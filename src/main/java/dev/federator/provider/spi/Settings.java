package dev.federator.provider.spi;

/**
 * Rules a settings record applies in its compact constructor, so that a missing or blank field fails the same way
 * for every vendor (reason MissingSetting, naming the field) whether the record comes from a platform or a test.
 */
public final class Settings {
    private Settings() {}

    /** {@code value}, or MissingSetting naming {@code field} when it is absent or blank. */
    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(Reason.MissingSetting, "the platform needs " + field);
        }
        return value;
    }

    /** {@code value}, or {@code fallback} when it is absent or blank (a blank field means "not set" on a platform). */
    public static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
