package dev.federator.api.v1alpha1;

/** Whether the operator may write to the vendor for this connection. */
public enum ManagementPolicy {
    /** Create, update and delete the remote connection to match the spec. */
    Manage,
    /** Read only: report differences in status.drift, never write. */
    ObserveOnly
}
