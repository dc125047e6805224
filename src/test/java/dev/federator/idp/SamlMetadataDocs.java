package dev.federator.idp;

import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;

/** SAML metadata documents for tests, with real (self-signed) certificates. */
final class SamlMetadataDocs {
    private SamlMetadataDocs() {}

    /** Base64 DER of a new self-signed certificate. */
    static String newCertificate(String cn) {
        try {
            String pem = Files.readString(Path.of(SelfSignedCertificate.create(cn).certificatePath()));
            return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String idp(String entityId, String ssoBase, String... certificates) {
        StringBuilder keys = new StringBuilder();
        for (String cert : certificates) {
            keys.append("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                    .append(cert).append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + keys
                + "<md:KeyDescriptor use=\"encryption\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                + "bm90IGEgY2VydA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + ssoBase + "/slo\"/>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + ssoBase + "/sso/post\"/>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + ssoBase + "/sso/redirect\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }
}
