package dev.federator.provider.auth0;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.provider.spi.AuthenticationException;
import dev.federator.provider.spi.ConflictException;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorException;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP to {@code {url}/api/v2}: bearer token, pacing from Auth0's {@code x-ratelimit-*} headers, and the mapping of
 * Auth0's error envelope {@code {statusCode, error, message, errorCode}} to the SPI's exceptions.
 *
 * <p>VendorHttp already waits out a 429 until {@code x-ratelimit-reset}. On top of that, a 2xx answer that says
 * {@code x-ratelimit-remaining: 0} holds the next call of this tenant until the reset, so that the tenant's bucket is
 * not run into a 429 in the first place.
 */
final class Auth0Transport {
    /** Longer waits are not slept in a reconcile thread: the call fails transiently with the wait attached. */
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(10);
    private static final Pattern SCOPE = Pattern.compile("expected (?:any|all) of: ([\\w:, ]+)");
    private final VendorHttp http;
    private final Auth0TokenSource tokens;
    private final String api;
    private final Clock clock;
    private final AtomicReference<Instant> quietUntil = new AtomicReference<>(Instant.EPOCH);

    Auth0Transport(VendorHttp http, Auth0TokenSource tokens, String url, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.api = url + "/api/v2";
        this.clock = clock;
    }

    URI uri(String pathAndQuery) { return URI.create(api + pathAndQuery); }

    Auth0TokenSource tokens() { return tokens; }

    /** Sends with a bearer token; a 401 gets one fresh token and one more try, since tokens can be revoked. */
    VendorResponse send(VendorRequest request) {
        VendorResponse response = paced(request.header("Authorization", "Bearer " + tokens.get()));
        if (response.status() == 401) {
            tokens.invalidate();
            response = paced(request.header("Authorization", "Bearer " + tokens.get()));
        }
        return response;
    }

    private VendorResponse paced(VendorRequest request) {
        Duration wait = Duration.between(clock.instant(), quietUntil.get());
        if (wait.compareTo(MAX_INLINE_WAIT) > 0) {
            throw new TransientVendorException(Reason.RateLimited, "the Auth0 tenant's Management API rate limit is used "
                    + "up until " + quietUntil.get() + " (x-ratelimit-remaining: 0)", wait, null);
        }
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientVendorException(Reason.Interrupted, "interrupted while waiting for Auth0's rate limit");
            }
        }
        VendorResponse response = http.send(request);
        if (response.isSuccess() && "0".equals(response.header("x-ratelimit-remaining").orElse("").trim())) {
            response.header("x-ratelimit-reset").flatMap(Auth0Transport::epochSeconds).ifPresent(reset ->
                    quietUntil.accumulateAndGet(reset, (a, b) -> a.isAfter(b) ? a : b));
        }
        return response;
    }

    private static java.util.Optional<Instant> epochSeconds(String value) {
        try {
            return java.util.Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Checkpoint paging ({@code take}/{@code from}, then {@code next} until empty): stable while items are added or
     * removed meanwhile. With {@code goneIsEmpty}, a 404 (the parent was deleted between two reads) ends it quietly.
     */
    void pages(String pathAndQuery, String operation, String what, boolean goneIsEmpty,
                       Consumer<JsonNode> page) {
        String from = null;
        do {
            VendorResponse response = send(VendorRequest.get(uri(pathAndQuery
                    + (from == null ? "" : "&from=" + enc(from))), operation));
            if (goneIsEmpty && response.status() == 404) {
                return;
            }
            if (!response.isSuccess()) {
                throw failure(response, what);
            }
            page.accept(response.json());
            from = response.json().path("next").asText(null);
        } while (from != null && !from.isEmpty());
    }

    static String enc(String value) { return URLEncoder.encode(value, StandardCharsets.UTF_8); }

    /** Turns a non-2xx answer into the exception that tells the operator what to do. */
    VendorException failure(VendorResponse response, String what, String... redact) {
        JsonNode json = response.json();
        String message = json.path("message").asText("");
        // Auth0's validation messages can quote the offending value; a secret must never reach the status.
        for (String secret : redact) {
            if (secret != null && !secret.isEmpty()) {
                message = message.replace(secret, "******");
            }
        }
        String errorCode = json.path("errorCode").asText("");
        String detail = message + (errorCode.isBlank() ? "" : " [" + errorCode + "]");
        return switch (response.status()) {
            case 401 -> new AuthenticationException(Reason.InvalidCredentials, "Auth0 refused the Management API token "
                    + "while trying to " + what + " (" + detail + "); check the application in spec.auth0.credentialsRef");
            case 403 -> {
                Matcher scope = SCOPE.matcher(message);
                yield scope.find()
                        ? new AuthenticationException(Reason.MissingScope, "the Auth0 application lacks the Management API "
                        + "scope " + scope.group(1).trim() + " needed to " + what + "; grant it under Applications > "
                        + "APIs > Auth0 Management API > Machine to Machine Applications")
                        : new AuthenticationException(Reason.Forbidden, "Auth0 forbade the application to " + what
                        + " (" + detail + ")");
            }
            case 409 -> new ConflictException("Auth0 already has a connection with this name (" + detail + ")");
            case 404 -> new InvalidRequestException(Reason.NotFound, "Auth0 found nothing while trying to " + what
                    + " (" + detail + "); check spec.auth0.domain and url");
            case 400 -> new InvalidRequestException(Reason.VendorRejected, "Auth0 rejected the request to " + what + ": "
                    + detail + "; fix the spec (or vendorOptions) accordingly");
            default -> new InvalidRequestException(Reason.VendorRejected, "Auth0 answered " + response.status()
                    + " while trying to " + what + (detail.isBlank() ? "" : ": " + detail));
        };
    }
}
