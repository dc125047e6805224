package dev.federator.api.v1alpha1;

/** What to do when the vendor already has a connection with this name that this resource did not create. */
public enum AdoptionPolicy {
    /** Refuse, and report the conflict on the status. */
    Never,
    /** Take the existing connection over and manage it from now on. */
    IfExists
}
