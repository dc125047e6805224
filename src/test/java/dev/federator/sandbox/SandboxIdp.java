package dev.federator.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's SAML identity provider: publishes its metadata over https with a certificate of its own, which the
 * operator trusts only through a platform's {@code spec.tls.caBundleRef} (a private CA, as far as it knows). Every
 * path answers the same document, so a sample's metadataUrl keeps its path when pointed here.
 */
public final class SandboxIdp implements AutoCloseable {
    /** The Secret (and its key) that holds the IdP's CA in the sandbox. */
    public static final String CA_SECRET = "sandbox-idp-ca";
    public static final String CA_KEY = "ca.crt";
    public static final String ENTITY_ID = "https://idp.sandbox.example.com/saml";

    private final Vertx vertx = Vertx.vertx();
    private final SelfSignedCertificate tls = SelfSignedCertificate.create("localhost");
    private final String metadata = metadata(SelfSignedCertificate.create("idp.sandbox.example.com"));
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public SandboxIdp() {
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(tls.keyCertOptions()))
                    .requestHandler(request -> {
                        requests.add(request.method() + " " + request.path());
                        request.response().putHeader("Content-Type", "application/samlmetadata+xml").end(metadata);
                    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("could not start the sandbox IdP", e);
        }
    }

    /** {@code https://localhost:<port><path>}: the host the certificate names. */
    public String url(String path) { return "https://localhost:" + server.actualPort() + path; }

    /** The PEM of the server's certificate: the CA bundle a platform names to trust it. */
    public String caBundle() { return read(Path.of(tls.certificatePath())); }

    /** Requests served so far ("GET /path"). */
    public List<String> requests() { return requests; }

    private static String metadata(SelfSignedCertificate signing) {
        String der = read(Path.of(signing.certificatePath())).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        String sso = "https://idp.sandbox.example.com/saml/sso";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + ENTITY_ID + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + der
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + sso + "/logout\"/>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + sso + "\"/>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + sso + "\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort at shutdown
        }
    }
}
