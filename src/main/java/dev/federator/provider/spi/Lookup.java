package dev.federator.provider.spi;

/**
 * Everything an adapter may use to find one connection on the vendor. The operator builds it from the resource's spec
 * and status without reading a Secret, so that a sync, a drift check and a delete (also after a restart, or once the
 * Secrets are gone) look a connection up the same way.
 *
 * @param name the remote name (spec.connectionName, else the resource's name)
 * @param externalId the vendor's id recorded on the status, or null
 * @param displayName spec.displayName, or null when not set
 * @param kind the connection type, or null when not known (an adapter then tries every place it could be)
 * @param clientId the IdP client id of an OIDC or hosted connection (spec.*.clientId), or null
 */
public record Lookup(String name, String externalId, String displayName, ConnectionKind kind, String clientId) {

    /** Only the name and, when known, the id: for vendors and callers that need nothing else. */
    public static Lookup byName(String name, String externalId) {
        return new Lookup(name, externalId, null, null, null);
    }

    /** The lookup of a desired connection (the same as the operator builds from the spec it was resolved from). */
    public static Lookup of(DesiredConnection desired, String externalId) {
        String clientId = desired.oidc() != null ? desired.oidc().clientId()
                : desired.hosted() != null ? desired.hosted().clientId() : null;
        return new Lookup(desired.name(), externalId, desired.displayName(), desired.kind(), clientId);
    }

    /** The same connection without its id: how a create reads back what it stored. */
    public Lookup withoutId() { return new Lookup(name, null, displayName, kind, clientId); }

    /** The display name, or the name when none is set: what vendors show users by default. */
    public String displayNameOrName() { return displayNameOrName(displayName, name); }

    static String displayNameOrName(String displayName, String name) {
        return displayName == null || displayName.isBlank() ? name : displayName;
    }
}
