package dev.federator.api.v1alpha1;

/** What happens on the vendor when the IdentityConnection is deleted. */
public enum DeletionPolicy {
    /** Delete the remote connection, then release the resource. */
    Delete,
    /** Leave the remote connection in place, untouched. */
    Orphan
}
