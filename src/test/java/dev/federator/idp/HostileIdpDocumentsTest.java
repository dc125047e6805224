package dev.federator.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.TransientVendorException;
import dev.federator.provider.spi.VendorException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an IdP (or whoever answers at its URL) can send, and that none of it gets past the fetch and the parser. */
class HostileIdpDocumentsTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static IdpDocumentServer idp;
    private static String ca;
    private static String cert;

    @BeforeAll
    static void start() throws Exception {
        idp = new IdpDocumentServer();
        ca = idp.caBundle();
        cert = SamlMetadataDocs.newCertificate("idp.corp.example.com");
    }

    @AfterAll
    static void stop() throws Exception { idp.close(); }

    /** The default 10 s limit: TLS handshakes on a busy CI machine take a while. */
    private static IdpDocuments documents() { return documents(GuardedFetch.TIMEOUT); }

    private static IdpDocuments documents(Duration timeout) {
        return new IdpDocuments(new GuardedFetch(timeout, 64 * 1024), Clock.systemUTC());
    }

    private static String good() { return SamlMetadataDocs.idp("https://idp.corp.example.com", "https://idp.corp.example.com", cert); }

    @Test
    void readsAWellFormedDocumentFromAServerTheCaBundleTrusts() {
        idp.serve("/good", "application/samlmetadata+xml", good());
        IdpMetadata m = documents().metadata(idp.url("/good"), null, ca, DAY, false);
        assertThat(m.entityId()).isEqualTo("https://idp.corp.example.com");
        assertThat(m.signingCertificates()).containsExactly(cert); // the encryption key is not a signing certificate
        assertThat(m.signIn(true)).isEqualTo("https://idp.corp.example.com/sso/post");
        assertThat(m.signIn(null)).isEqualTo("https://idp.corp.example.com/sso/redirect");
        assertThat(m.signOut(true)).isEqualTo("https://idp.corp.example.com/slo");
    }

    @Test
    void aServerTheBundleDoesNotTrustIsNotRead() {
        idp.serve("/good", "application/xml", good());
        assertThatThrownBy(() -> documents().metadata(idp.url("/good"), null, null, DAY, false))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("SSLHandshakeException")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.MetadataUnavailable);
    }

    @Test
    void oversizedDocumentsAreRefusedWithOrWithoutALength() {
        String huge = good().replace("</md:EntityDescriptor>", "<!--" + "x".repeat(70_000) + "--></md:EntityDescriptor>");
        idp.serve("/huge", "application/xml", huge);
        assertInvalid("/huge", Reason.MetadataInvalid, "larger than 65536 bytes");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE md [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>"
                + good().substring(good().indexOf("<md:EntityDescriptor")).replace("https://idp.corp.example.com\"",
                "&leak;\"");
        idp.serve("/xxe", "application/xml", xxe);
        assertInvalid("/xxe", Reason.MetadataInvalid, "DOCTYPE");
        String remote = "<?xml version=\"1.0\"?><!DOCTYPE md SYSTEM \"" + idp.url("/dtd") + "\">"
                + good().substring(good().indexOf("<md:EntityDescriptor"));
        idp.serve("/remote-dtd", "application/xml", remote);
        int before = (int) idp.requests().stream().filter(r -> r.endsWith("/dtd")).count();
        assertInvalid("/remote-dtd", Reason.MetadataInvalid, "DOCTYPE");
        assertThat(idp.requests().stream().filter(r -> r.endsWith("/dtd")).count()).isEqualTo(before);
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE md [" + dtd + "]><md:EntityDescriptor "
                + "xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&lol9;\"/>";
        idp.serve("/bomb", "application/xml", bomb);
        long start = System.nanoTime();
        assertInvalid("/bomb", Reason.MetadataInvalid, "DOCTYPE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GuardedFetch.TIMEOUT);
    }

    @Test
    void aWrongContentTypeIsRefused() {
        idp.serve("/html", "text/html; charset=utf-8", good());
        assertInvalid("/html", Reason.MetadataInvalid, "content type is 'text/html'");
    }

    @Test
    void redirectsAreFollowedOnlyToHttps() {
        idp.serve("/good", "application/xml", good());
        idp.redirect("/moved", idp.url("/good"));
        assertThat(documents().metadata(idp.url("/moved"), null, ca, DAY, false).signingCertificates())
                .containsExactly(cert);
        idp.redirect("/downgrade", "http://idp.corp.example.com/metadata");
        assertInvalid("/downgrade", Reason.MetadataInvalid, "redirects to http://idp.corp.example.com/metadata");
        idp.redirect("/loop", idp.url("/loop"));
        assertInvalid("/loop", Reason.MetadataInvalid, "more than 3 redirects");
    }

    @Test
    void malformedDocumentsAreRefused() {
        idp.serve("/truncated", "application/xml", good().substring(0, good().length() / 2));
        assertInvalid("/truncated", Reason.MetadataInvalid, "not well-formed");
        idp.serve("/sp-only", "application/xml", "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "entityID=\"x\"><md:SPSSODescriptor/></md:EntityDescriptor>");
        assertInvalid("/sp-only", Reason.MetadataInvalid, "describes no SAML identity provider");
        idp.serve("/bad-cert", "application/xml", SamlMetadataDocs.idp("https://idp", "https://idp", "bm90IGEgY2VydA=="));
        assertInvalid("/bad-cert", Reason.MetadataInvalid, "not a valid X.509 certificate");
        idp.serve("/http-sso", "application/xml", SamlMetadataDocs.idp("https://idp", "http://idp.corp.example.com", cert));
        assertInvalid("/http-sso", Reason.MetadataInvalid, "is not an https:// URL");
    }

    @Test
    void aServerThatNeverFinishesIsGivenUpOn() {
        idp.serve("/slow", new IdpDocumentServer.Answer(200, "application/xml", new byte[0], Map.of(), 100));
        long start = System.nanoTime();
        assertThatThrownBy(() -> documents(Duration.ofSeconds(3)).metadata(idp.url("/slow"), null, ca, DAY, false))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("within 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void serverErrorsAreTransientAndClientErrorsAreNot() {
        idp.serve("/down", new IdpDocumentServer.Answer(503, "text/plain", "down".getBytes(StandardCharsets.UTF_8),
                Map.of(), 0));
        assertThatThrownBy(() -> documents().metadata(idp.url("/down"), null, ca, DAY, false))
                .isInstanceOf(TransientVendorException.class).hasMessageContaining("HTTP 503");
        assertInvalid("/missing", Reason.MetadataInvalid, "HTTP 404");
    }

    @Test
    void plainHttpIsFetchedOnlyFromLoopbackAndInClusterHosts() {
        assertThat(GuardedFetch.allowed("http://127.0.0.1:8080/m")).isTrue();
        assertThat(GuardedFetch.allowed("http://idp.federator.svc.cluster.local/m")).isTrue();
        assertThat(GuardedFetch.allowed("http://idp.corp.example.com/m")).isFalse();
        assertThat(GuardedFetch.allowed("ftp://idp.corp.example.com/m")).isFalse();
        assertThat(GuardedFetch.allowed("file:///etc/passwd")).isFalse();
    }

    @Test
    void discoveryMustNameTheExpectedIssuerAndHttpsEndpoints() {
        String issuer = "https://login.partner.example.com/realms/corp";
        idp.serve("/oidc", "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer
                + "/auth\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\"}");
        OidcDiscovery d = documents().discovery(idp.url("/oidc"), issuer + "/", ca, DAY, false);
        assertThat(d.tokenEndpoint()).isEqualTo(issuer + "/token");
        assertThat(d.userinfoEndpoint()).isNull();
        assertThatThrownBy(() -> documents().discovery(idp.url("/oidc"), "https://evil.example.com", ca, DAY, false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not spec.oidc.issuer")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(Reason.DiscoveryInvalid);
        idp.serve("/oidc-http", "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":"
                + "\"http://login.partner.example.com/auth\"}");
        assertThatThrownBy(() -> documents().discovery(idp.url("/oidc-http"), null, ca, DAY, false))
                .hasMessageContaining("authorization_endpoint is not an https:// URL");
        idp.serve("/oidc-xml", "application/xml", "{}");
        assertThatThrownBy(() -> documents().discovery(idp.url("/oidc-xml"), null, ca, DAY, false))
                .hasMessageContaining("content type is 'application/xml'");
    }

    private static void assertInvalid(String path, Reason reason, String message) {
        assertThatThrownBy(() -> documents().metadata(idp.url(path), null, ca, DAY, false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(message)
                .hasMessageContaining("nothing was changed on the vendor")
                .extracting(e -> ((VendorException) e).reason()).isEqualTo(reason);
    }
}
