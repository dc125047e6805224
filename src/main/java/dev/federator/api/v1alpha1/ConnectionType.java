package dev.federator.api.v1alpha1;

/** The kind of identity provider a connection federates with; each names one spec block. */
public enum ConnectionType {
    OIDC, SAML, AzureAD, Okta, GoogleWorkspace
}
