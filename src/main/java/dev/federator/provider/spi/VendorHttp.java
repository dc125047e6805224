package dev.federator.provider.spi;

/**
 * How an adapter calls its vendor. The operator hands each client one, already paced by the platform's rate
 * budget and retrying what is safe to retry; an adapter never builds its own HTTP client, so a platform's budget
 * holds across all its connections.
 */
public interface VendorHttp {

    /**
     * Sends the request; the answer is any status except a 5xx or 429 that outlived its retries, which are thrown
     * as {@link TransientVendorException}.
     */
    VendorResponse send(VendorRequest request);

    /** Calls the platform could make at once without waiting: a listing uses it to decide how far to page. */
    long spareCalls();
}
