package dev.federator.idp;

import dev.federator.provider.spi.Reason;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.status.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code IdpMetadataChanged} and {@code OidcDiscoveryChanged} events: what changed in an IdP document since this
 * connection's previous pass in this process (certificates by fingerprint and expiry). The compare-and-write pass
 * that follows carries the change to the vendor and reports its own {@code Updated} event.
 */
@ApplicationScoped
public class IdpChangeReports {
    public static final Reason METADATA_CHANGED = Reason.IdpMetadataChanged;
    public static final Reason DISCOVERY_CHANGED = Reason.OidcDiscoveryChanged;

    private final EventRecorder events;
    private final Map<String, Object> lastSeen = new ConcurrentHashMap<>();

    public IdpChangeReports(EventRecorder events) {
        this.events = events;
    }

    /**
     * For the CLI: it looks at each document once per run, so there is never an earlier sight to compare with, and
     * it writes nothing to the cluster.
     */
    public static IdpChangeReports none() { return new IdpChangeReports(null); }

    void metadata(IdentityConnection connection, String url, IdpMetadata now) {
        if (events == null) {
            return;
        }
        Object before = lastSeen.put(key(connection, "saml"), now);
        if (!(before instanceof IdpMetadata previous) || previous.equals(now)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        List<String> added = new ArrayList<>(now.signingCertificates());
        added.removeAll(previous.signingCertificates());
        List<String> removed = new ArrayList<>(previous.signingCertificates());
        removed.removeAll(now.signingCertificates());
        if (!added.isEmpty()) {
            changes.add("signing certificates added: " + added.stream().map(CertificateSummary::describe).toList());
        }
        if (!removed.isEmpty()) {
            changes.add("signing certificates removed: " + removed.stream().map(CertificateSummary::fingerprint).toList());
        }
        field(changes, "entityID", previous.entityId(), now.entityId());
        field(changes, "SSO (HTTP-POST)", previous.ssoPost(), now.ssoPost());
        field(changes, "SSO (HTTP-Redirect)", previous.ssoRedirect(), now.ssoRedirect());
        field(changes, "SLO (HTTP-POST)", previous.sloPost(), now.sloPost());
        field(changes, "SLO (HTTP-Redirect)", previous.sloRedirect(), now.sloRedirect());
        events.normal(connection, METADATA_CHANGED, "the IdP metadata at " + url + " changed: "
                + String.join("; ", changes) + "; fields the spec leaves empty follow it");
    }

    void discovery(IdentityConnection connection, String url, OidcDiscovery now) {
        if (events == null) {
            return;
        }
        Object before = lastSeen.put(key(connection, "oidc"), now);
        if (!(before instanceof OidcDiscovery previous) || previous.equals(now)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        field(changes, "authorization_endpoint", previous.authorizationEndpoint(), now.authorizationEndpoint());
        field(changes, "token_endpoint", previous.tokenEndpoint(), now.tokenEndpoint());
        field(changes, "userinfo_endpoint", previous.userinfoEndpoint(), now.userinfoEndpoint());
        field(changes, "jwks_uri", previous.jwksUri(), now.jwksUri());
        field(changes, "end_session_endpoint", previous.endSessionEndpoint(), now.endSessionEndpoint());
        events.normal(connection, DISCOVERY_CHANGED, "the discovery document at " + url + " changed: "
                + String.join("; ", changes) + "; endpoints the spec leaves empty follow it");
    }

    private static void field(List<String> changes, String name, String before, String now) {
        if (!Objects.equals(before, now)) {
            changes.add(name + " " + before + " -> " + now);
        }
    }

    private static String key(IdentityConnection connection, String kind) {
        return connection.getMetadata().getUid() + "/" + kind;
    }
}
