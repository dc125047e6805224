/**
 * The contract between the operator and a vendor adapter. An adapter depends on this package (plus the optional
 * kit in {@code provider.kit}, and Jackson): it renders the vendor's representation of a connection, reads and
 * writes it, and names which fields are write-only. Comparison, fingerprints, ownership and status are the
 * operator's job, the same for every vendor.
 *
 * <p>Failures are {@link dev.federator.provider.spi.ReconcileFailure}s named by a
 * {@link dev.federator.provider.spi.Reason}: the one list of condition and event reasons, public API shared by the
 * adapters and the operator side.
 */
package dev.federator.provider.spi;
