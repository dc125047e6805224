/**
 * Documents an identity provider publishes about itself (SAML metadata, OpenID discovery), fetched by the operator
 * with hard limits and turned into the parts of the desired state the spec leaves empty.
 */
package dev.federator.idp;
