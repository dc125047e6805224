package dev.federator.provider.spi;

/** What waiting helps against a {@link Reason}: each controller turns the class into its own delay. */
public enum RetryClass {
    /** Not a failure: the next pass comes with the next change or at the platform's syncInterval. */
    NONE,
    /** Likely to pass by itself (5xx, timeout, rate limit): after the vendor's Retry-After, else with backoff. */
    RETRY_SOON,
    /** The credentials were refused: rechecked every minute, since a grant may be fixed on the vendor side. */
    RECHECK_CREDENTIALS,
    /**
     * The same input fails the same way: the watch on the spec, Secret or platform brings the resource back when it
     * changes, and a slow recheck catches fixes made on the vendor.
     */
    WAIT_FOR_CHANGE
}
