package dev.federator.provider.kit;

import dev.federator.provider.spi.VendorResponse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How long a vendor asked us to wait: the Retry-After header (seconds or HTTP date), X-RateLimit-Reset (epoch
 * seconds, as Auth0 and DevRev send it), or a retry_after field in the body (seconds), in that order.
 */
public final class RetryAfter {
    private RetryAfter() {}

    public static Optional<Duration> of(VendorResponse response, Clock clock) {
        Optional<Duration> header = response.header("Retry-After").flatMap(v -> parseRetryAfter(v, clock));
        if (header.isPresent()) {
            return header;
        }
        Optional<Duration> reset = response.header("X-RateLimit-Reset").flatMap(v -> parseReset(v, clock));
        if (reset.isPresent()) {
            return reset;
        }
        JsonNode body = response.json().path("retry_after");
        return body.isNumber() || body.isTextual()
                ? parseSeconds(body.asText())
                : Optional.empty();
    }

    private static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        Optional<Duration> seconds = parseSeconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Epoch seconds; a small number is taken as a delta, as some gateways send it. */
    private static Optional<Duration> parseReset(String value, Clock clock) {
        try {
            long reset = (long) Double.parseDouble(value.trim());
            if (reset < 1_000_000_000L) {
                return Optional.of(Duration.ofSeconds(Math.max(0, reset)));
            }
            return Optional.of(nonNegative(Duration.between(clock.instant(), Instant.ofEpochSecond(reset))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseSeconds(String value) {
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(Duration d) { return d.isNegative() ? Duration.ZERO : d; }
}
