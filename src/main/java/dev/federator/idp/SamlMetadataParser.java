package dev.federator.idp;

import dev.federator.idp.IdpDocumentProblems.IdpDocumentKind;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads SAML 2.0 metadata without trusting it: any DOCTYPE is refused (so no external entity, no DTD, no entity
 * expansion can happen), nothing external is loaded, and the signature is not checked (the document comes over TLS
 * from the URL the owner chose; the vendor still validates every assertion against the certificates).
 */
final class SamlMetadataParser {
    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    private SamlMetadataParser() {}

    /**
     * @param wantedEntityId the spec's entity id, which picks one IdP out of an aggregate (EntitiesDescriptor); may be
     *     null when the document describes exactly one IdP
     */
    static IdpMetadata parse(byte[] xml, String url, String wantedEntityId) {
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.SAML_METADATA, url, "it is not well-formed XML or "
                    + "declares a DOCTYPE (" + e.getClass().getSimpleName() + ")");
        }
        List<Element> idps = new ArrayList<>();
        NodeList descriptors = document.getElementsByTagNameNS(MD, "EntityDescriptor");
        for (int i = 0; i < descriptors.getLength(); i++) {
            Element entity = (Element) descriptors.item(i);
            if (child(entity, "IDPSSODescriptor") != null
                    && (wantedEntityId == null || wantedEntityId.equals(entity.getAttribute("entityID")))) {
                idps.add(entity);
            }
        }
        if (idps.size() != 1) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.SAML_METADATA, url, idps.isEmpty()
                    ? "it describes no SAML identity provider" + (wantedEntityId == null ? ""
                    : " with entityID " + wantedEntityId)
                    : "it describes " + idps.size() + " identity providers; set spec.saml.entityId to pick one");
        }
        Element entity = idps.get(0);
        Element idp = child(entity, "IDPSSODescriptor");
        String entityId = entity.getAttribute("entityID").trim();
        if (entityId.isEmpty()) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.SAML_METADATA, url, "its EntityDescriptor has no entityID");
        }
        return new IdpMetadata(entityId, signingCertificates(idp, url), location(idp, "SingleSignOnService", POST, url),
                location(idp, "SingleSignOnService", REDIRECT, url), location(idp, "SingleLogoutService", POST, url),
                location(idp, "SingleLogoutService", REDIRECT, url));
    }

    private static List<String> signingCertificates(Element idp, String url) {
        Set<String> found = new LinkedHashSet<>();
        for (Element key : children(idp, "KeyDescriptor")) {
            String use = key.getAttribute("use");
            if (!use.isEmpty() && !"signing".equals(use)) {
                continue; // encryption keys do not sign assertions
            }
            NodeList certs = key.getElementsByTagNameNS(DS, "X509Certificate");
            for (int i = 0; i < certs.getLength(); i++) {
                String base64 = certs.item(i).getTextContent().replaceAll("\\s+", "");
                found.add(checked(base64, url));
            }
        }
        return List.copyOf(found);
    }

    private static String checked(String base64, String url) {
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            return base64;
        } catch (IllegalArgumentException | CertificateException e) {
            throw IdpDocumentProblems.invalid(IdpDocumentKind.SAML_METADATA, url, "it holds a signing certificate "
                    + "that is not a valid X.509 certificate");
        }
    }

    private static String location(Element idp, String service, String binding, String url) {
        for (Element endpoint : children(idp, service)) {
            if (binding.equals(endpoint.getAttribute("Binding"))) {
                String location = endpoint.getAttribute("Location").trim();
                if (!GuardedFetch.allowed(location)) {
                    throw IdpDocumentProblems.invalid(IdpDocumentKind.SAML_METADATA, url, "its " + service
                            + " location is not an https:// URL");
                }
                return location;
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && MD.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The OWASP XXE prevention settings for the JDK's parser, all of them: refusing DOCTYPE is the decisive one. */
    static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler()); // fatal errors are thrown, nothing is printed to stderr
        return builder;
    }
}
