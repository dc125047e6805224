package dev.federator.provider.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The vendor representation of a desired connection, restricted to the fields Federator manages.
 *
 * <p>A field set to JSON null means "must be absent or empty on the vendor". Paths are dot-separated field names
 * from the root of {@code body}, for example {@code config.clientSecret}.
 *
 * @param writeOnlyPaths fields the vendor never returns as written (masked or omitted): the operator compares
 *     them through keyed fingerprints instead of by value
 * @param identityPaths fields that identify the connection and cannot change on the vendor (name, alias, type)
 */
public record Rendering(ObjectNode body, Set<String> writeOnlyPaths, Set<String> identityPaths) {
    public Rendering {
        writeOnlyPaths = Set.copyOf(writeOnlyPaths);
        identityPaths = Set.copyOf(identityPaths);
    }
}
