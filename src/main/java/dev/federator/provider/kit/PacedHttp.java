package dev.federator.provider.kit;

import dev.federator.provider.spi.RatePolicy;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorHttp;
import dev.federator.provider.spi.VendorRequest;
import dev.federator.provider.spi.VendorResponse;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way adapters call their vendor. It paces every request through the platform's token bucket, pauses the
 * whole platform when the vendor says so (429 with Retry-After, X-RateLimit-Reset or retry_after), retries 5xx and
 * lost answers with exponential backoff and jitter when repeating is safe, and reports every call to the observer.
 * 4xx answers other than 429 are returned as they are: the adapter maps them, and they are never retried here.
 */
public final class PacedHttp implements VendorHttp {
    /** Longer vendor-requested waits are not slept through in a reconcile thread; the reconcile is rescheduled. */
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(10);
    private static final int MAX_ATTEMPTS = 4;

    private final HttpClient client;
    private final Bucket bucket;
    private final CallObserver observer;
    private final Duration requestTimeout;
    private final Clock clock;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

    public PacedHttp(HttpClient client, RatePolicy rate, Duration requestTimeout, CallObserver observer, Clock clock) {
        this.client = client;
        this.observer = observer;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.bucket = Bucket.builder().addLimit(bandwidth(rate)).build();
    }

    static Bandwidth bandwidth(RatePolicy rate) {
        // Bucket4j refills whole tokens per period; express fractional rates over a longer period.
        long per100s = Math.max(1, Math.round(rate.requestsPerSecond() * 100));
        long capacity = ownBurst(rate);
        return Bandwidth.builder().capacity(capacity).refillGreedy(per100s, Duration.ofSeconds(100))
                .initialTokens(capacity).build();
    }

    /**
     * Half the vendor's burst. Both buckets refill at the same rate, so the vendor's always holds what ours cannot:
     * with equal buckets a backlogged platform keeps the vendor's at zero, and any request that a busy network
     * delivers a little early is answered 429 (and pauses the platform). Half a burst of headroom absorbs
     * {@code burst / 2 / rate} seconds of jitter and costs nothing in sustained rate.
     */
    static long ownBurst(RatePolicy rate) { return Math.max(1, rate.burst() / 2); }

    /** Sends the request; the answer is any status except a 5xx or 429 that outlived its retries. */
    @Override
    public VendorResponse send(VendorRequest request) {
        RetryPolicy<VendorResponse> policy = RetryPolicy.<VendorResponse>builder()
                .handleIf((response, failure) -> retryable(request, response, failure))
                .abortIf((response, failure) -> response != null && response.status() == 429
                        && waitFor(response).compareTo(MAX_INLINE_WAIT) > 0)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.3)
                // A negative delay tells Failsafe to use the backoff: only a 429 carries its own wait.
                .withDelayFn(ctx -> ctx.getLastResult() != null && ctx.getLastResult().status() == 429
                        ? waitFor(ctx.getLastResult()) : Duration.ofMillis(-1))
                .withMaxAttempts(MAX_ATTEMPTS)
                .build();
        VendorResponse response;
        try {
            response = Failsafe.with(policy).get(() -> attempt(request));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof javax.net.ssl.SSLException) {
                throw new TransientVendorException(Reason.TLSHandshakeFailed, request.safeTarget() + " failed TLS "
                        + "verification (" + cause.getClass().getSimpleName() + "); if the vendor uses a private CA, "
                        + "put it in the platform's spec.tls.caBundleRef", null, null);
            }
            throw new TransientVendorException(Reason.VendorUnreachable,
                    request.safeTarget() + " failed: " + cause.getClass().getSimpleName(), null, null);
        }
        if (response.status() == 429) {
            throw new TransientVendorException(Reason.RateLimited, "the vendor is rate limiting this platform ("
                    + request.safeTarget() + ")", waitFor(response), null);
        }
        if (response.status() >= 500) {
            throw new TransientVendorException(Reason.VendorUnavailable, "the vendor answered " + response.status()
                    + " to " + request.safeTarget(), null, null);
        }
        return response;
    }

    private boolean retryable(VendorRequest request, VendorResponse response, Throwable failure) {
        if (failure != null) {
            // A request that never left can always be repeated; one whose answer was lost only if idempotent.
            return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException
                    || (request.isIdempotent() && failure instanceof IOException);
        }
        if (response.status() == 429) {
            return true;
        }
        return request.isIdempotent() && (response.status() == 500 || response.status() == 502
                || response.status() == 503 || response.status() == 504);
    }

    private Duration waitFor(VendorResponse response) {
        Duration asked = RetryAfter.of(response, clock).orElse(Duration.ofSeconds(1));
        Instant until = clock.instant().plus(asked);
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
        return asked;
    }

    private VendorResponse attempt(VendorRequest request) throws IOException, InterruptedException {
        pace();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout);
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            observer.onCall(request.operation(), answer.statusCode(), Duration.ofNanos(System.nanoTime() - start));
            return new VendorResponse(answer.statusCode(), answer.headers(), answer.body());
        } catch (IOException e) {
            observer.onCall(request.operation(), 0, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }

    /**
     * Calls the platform could make at once without waiting: the bucket's tokens, less those already promised to
     * calls waiting for them (then negative), and none during a vendor-requested pause.
     */
    @Override
    public long spareCalls() {
        if (clock.instant().isBefore(pausedUntil.get())) {
            return 0;
        }
        return bucket.getAvailableTokens();
    }

    /** Waits for the platform's pause (after a 429) and for a token of its bucket. */
    private void pace() throws InterruptedException {
        long start = System.nanoTime();
        Duration pause = Duration.between(clock.instant(), pausedUntil.get());
        if (!pause.isNegative() && !pause.isZero()) {
            Thread.sleep(pause.toMillis());
        }
        bucket.asBlocking().consume(1);
        long waited = System.nanoTime() - start;
        if (waited > 1_000_000) {
            observer.onRateLimitWait(Duration.ofNanos(waited));
        }
    }
}
