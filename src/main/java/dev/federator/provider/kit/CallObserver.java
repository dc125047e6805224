package dev.federator.provider.kit;

import java.time.Duration;

/** Receives one record per vendor call, for metrics. Never receives URLs, headers or bodies. */
public interface CallObserver {
    /** @param status the HTTP status, or 0 when no answer came (timeout, reset) */
    void onCall(String operation, int status, Duration latency);

    /** Time a request waited for the platform's rate limit or a vendor's Retry-After. */
    void onRateLimitWait(Duration waited);

    CallObserver NONE = new CallObserver() {
        @Override public void onCall(String operation, int status, Duration latency) {}
        @Override public void onRateLimitWait(Duration waited) {}
    };
}
