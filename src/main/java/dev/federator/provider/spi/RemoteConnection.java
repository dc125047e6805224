package dev.federator.provider.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A connection as the vendor returned it.
 *
 * @param id the vendor's id for it (Keycloak: the alias, Auth0: con_...)
 * @param name the remote name (what DesiredConnection.name is compared to)
 * @param body the vendor's representation, in the same shape {@link VendorClient#render} produces
 */
public record RemoteConnection(String id, String name, ObjectNode body) {}
