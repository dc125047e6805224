package dev.federator.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.TrustStores;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.SigningCertificate;
import dev.federator.provider.spi.VendorException;
import dev.federator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which fields IdP documents fill, for which vendors, and what a rollover or a re-check request does. */
class IdpSourcesTest {
    private static final String URL = "https://idp.corp.example.com/metadata";
    private static final String OLD = SamlMetadataDocs.newCertificate("old.idp.corp.example.com");
    private static final String NEW = SamlMetadataDocs.newCertificate("new.idp.corp.example.com");

    private final List<String> events = new ArrayList<>();
    private final List<Boolean> fetches = new ArrayList<>();
    private IdpMetadata published = metadata(OLD);
    private OidcDiscovery discovered;
    private final IdpDocuments documents = new IdpDocuments(null, Clock.systemUTC()) {
        @Override
        public IdpMetadata metadata(String url, String entityId, String caBundle, Duration maxAge, boolean fresh) {
            fetches.add(fresh);
            return published;
        }

        @Override
        public OidcDiscovery discovery(String url, String issuer, String caBundle, Duration maxAge, boolean fresh) {
            fetches.add(fresh);
            assertThat(url).isEqualTo("https://login.partner.example.com/realms/corp/.well-known/openid-configuration");
            return discovered;
        }
    };
    private final EventRecorder recorder = new EventRecorder(null, Clock.systemUTC()) {
        @Override public void normal(HasMetadata r, String reason, String message) { events.add(reason + ": " + message); }
        @Override public void warning(HasMetadata r, String reason, String message) { events.add(reason + ": " + message); }
    };
    private final IdpSources sources = new IdpSources(documents, new TrustStores(null, null),
            new IdpChangeReports(recorder), Clock.systemUTC());
    private final IdentityConnection connection = connection(null);

    private static IdpMetadata metadata(String... certs) {
        return new IdpMetadata("https://idp.corp.example.com", List.of(certs), "https://idp.corp.example.com/sso/post",
                "https://idp.corp.example.com/sso/redirect", null, "https://idp.corp.example.com/slo");
    }

    private static IdentityConnection connection(String recheck) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName("adfs").withNamespace("ns").withUid("uid-1")
                .withAnnotations(recheck == null ? Map.of() : Map.of(RecheckRequests.ANNOTATION, recheck)).build());
        return c;
    }

    private static ResolvedPlatform platform(String vendor) {
        return new ResolvedPlatform("ns/p", new IdentityPlatform(), new PlatformSpec(), vendor, "ns");
    }

    private static DesiredConnection.Saml spec(String entityId, SigningCertificate cert, String signIn) {
        return new DesiredConnection.Saml(signIn, null, entityId, URL, cert, null, null, null, true);
    }

    @Test
    void metadataFillsWhatTheSpecLeavesEmpty() {
        DesiredConnection.Saml saml = sources.saml(connection, platform("keycloak"), spec(null, null, null));
        assertThat(saml.entityId()).isEqualTo("https://idp.corp.example.com");
        assertThat(saml.signInEndpoint()).isEqualTo("https://idp.corp.example.com/sso/post"); // postBinding: true
        assertThat(saml.signOutEndpoint()).isEqualTo("https://idp.corp.example.com/slo");
        assertThat(saml.signingCertificate().base64Der()).containsExactly(OLD);
        assertThat(saml.signingCertificate().notAfter()).isAfter(Instant.now());
        assertThat(saml.metadataUrl()).isEqualTo(URL);

        DesiredConnection.Saml pinned = sources.saml(connection, platform("auth0"),
                spec("urn:pinned", null, "https://sso.pinned.example.com"));
        assertThat(pinned.entityId()).isEqualTo("urn:pinned");
        assertThat(pinned.signInEndpoint()).isEqualTo("https://sso.pinned.example.com");
        assertThat(pinned.signingCertificate().base64Der()).containsExactly(OLD);
    }

    @Test
    void aSpecThatSetsEverythingIsNotCompletedFromTheNetwork() {
        SigningCertificate own = new SigningCertificate("pem", List.of(NEW), Instant.now().plusSeconds(86400), "CN=own");
        assertThat(sources.saml(connection, platform("keycloak"), spec("urn:e", own, "https://sso"))).isNotNull();
        // LoginRadius reads the sign-in URL from IDPMetadataUrl itself; SlashID reads the whole document itself.
        assertThat(sources.saml(connection, platform("loginradius"), spec("urn:e", own, null)).signInEndpoint()).isNull();
        assertThat(sources.saml(connection, platform("slashid"), spec(null, null, null)).signingCertificate()).isNull();
        assertThat(fetches).isEmpty();
    }

    @Test
    void aRolloverIsTakenAndReportedByFingerprintNeverAsPem() {
        sources.saml(connection, platform("keycloak"), spec(null, null, null));
        assertThat(events).isEmpty(); // the first sight of a document is no change
        published = metadata(OLD, NEW);
        assertThat(sources.saml(connection, platform("keycloak"), spec(null, null, null)).signingCertificate()
                .base64Der()).containsExactly(OLD, NEW);
        published = metadata(NEW);
        assertThat(sources.saml(connection, platform("keycloak"), spec(null, null, null)).signingCertificate()
                .base64Der()).containsExactly(NEW);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).startsWith("IdpMetadataChanged: the IdP metadata at " + URL + " changed: signing "
                + "certificates added: [" + CertificateSummary.fingerprint(NEW) + " (notAfter ");
        assertThat(events.get(1)).contains("signing certificates removed: [" + CertificateSummary.fingerprint(OLD) + "]");
        assertThat(String.join("\n", events)).doesNotContain(OLD.substring(0, 40)).doesNotContain(NEW.substring(0, 40));
    }

    @Test
    void metadataWithoutCertificatesChangesNothing() {
        published = metadata();
        assertThatThrownBy(() -> sources.saml(connection, platform("auth0"), spec(null, null, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("lists no signing certificate")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.MetadataHasNoCertificate);
        SigningCertificate own = new SigningCertificate("pem", List.of(NEW), Instant.now().plusSeconds(86400), "CN=own");
        assertThat(sources.saml(connection, platform("auth0"), spec(null, own, null)).signingCertificate()).isSameAs(own);
    }

    @Test
    void aRecheckRequestReadsTheDocumentAfreshOncePerValue() {
        sources.saml(connection, platform("keycloak"), spec(null, null, null));
        IdentityConnection asked = connection("2026-12-01T23:00:00Z");
        sources.saml(asked, platform("keycloak"), spec(null, null, null));
        sources.saml(asked, platform("keycloak"), spec(null, null, null));
        sources.saml(connection("2026-12-01T23:05:00Z"), platform("keycloak"), spec(null, null, null));
        assertThat(fetches).containsExactly(false, true, false, true);
    }

    @Test
    void discoveryFillsKeycloaksEmptyEndpointsOnly() {
        String issuer = "https://login.partner.example.com/realms/corp";
        discovered = new OidcDiscovery(issuer, issuer + "/auth", issuer + "/token", issuer + "/userinfo",
                issuer + "/certs", issuer + "/logout");
        DesiredConnection.Oidc spec = new DesiredConnection.Oidc(issuer, "corp", null, List.of(), null, null, null,
                null, null, "https://own.example.com/logout", null, null, null);
        DesiredConnection.Oidc filled = sources.oidc(connection, platform("keycloak"), spec);
        assertThat(List.of(filled.authorizationUrl(), filled.tokenUrl(), filled.userInfoUrl(), filled.jwksUrl(),
                filled.logoutUrl())).containsExactly(issuer + "/auth", issuer + "/token", issuer + "/userinfo",
                issuer + "/certs", "https://own.example.com/logout");
        assertThat(sources.oidc(connection, platform("auth0"), spec)).isSameAs(spec);
        DesiredConnection.Oidc explicit = new DesiredConnection.Oidc(issuer, "corp", null, List.of(), null, "https://a",
                "https://t", null, null, null, null, null, null);
        assertThat(sources.oidc(connection, platform("keycloak"), explicit)).isSameAs(explicit);
        assertThat(fetches).hasSize(1);
    }
}
