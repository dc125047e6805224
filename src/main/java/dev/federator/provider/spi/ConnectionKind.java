package dev.federator.provider.spi;

/** Vendor-neutral connection types; mirrors the CRD's type field without depending on it. */
public enum ConnectionKind { OIDC, SAML, AzureAD, Okta, GoogleWorkspace }
