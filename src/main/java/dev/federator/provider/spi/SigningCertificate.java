package dev.federator.provider.spi;

import java.time.Instant;
import java.util.List;

/**
 * One or more X.509 certificates from a PEM bundle, already parsed and checked by the operator.
 *
 * @param base64Der each certificate as base64 of its DER encoding, the form SAML vendors expect
 */
public record SigningCertificate(String pem, List<String> base64Der, Instant notAfter, String subject) {}
