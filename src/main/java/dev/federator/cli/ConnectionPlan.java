package dev.federator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the operator would do on the vendor for one IdentityConnection, as {@code diff} reports it.
 *
 * @param platform the platform's key (namespace/name, or name for a ClusterIdentityPlatform)
 * @param remoteName the connection's name on the vendor
 * @param message why, for conflict, blocked, drift and error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConnectionPlan(String namespace, String name, String platform, String vendor, String remoteName,
                      Action action, List<FieldChange> changes, String reason, String message) {

    enum Action {
        /** The vendor has no such connection: the operator creates it. */
        create,
        /** The connection is ours and some managed fields differ. */
        update,
        /** It exists, was not created by this resource, and adoption: IfExists takes it over (changes listed). */
        adopt,
        /** It exists, is not ours, and adoption is Never: the operator refuses (Ready=False AlreadyExists). */
        conflict,
        /** A field the vendor cannot change differs (Ready=False ImmutableField). */
        blocked,
        /** ObserveOnly: fields differ or the connection is missing, and the operator writes nothing. */
        drift,
        /** In the cluster, on a platform of the manifests, but not in the manifests: applying them deletes it. */
        delete,
        /** Nothing to write. */
        nochange,
        /** The plan for this connection could not be computed; the run exits 1. */
        error;

        /** Whether applying the manifests would write to the vendor or fail on it (exit code 2). */
        boolean isChange() { return this != nochange && this != drift && this != error; }
    }

    /**
     * One managed field. Secrets (fields holding a value read from a Secret, and fields the vendor never returns)
     * carry only {@code secret: changed/unchanged/unknown}, never a value.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FieldChange(String path, JsonNode old, @com.fasterxml.jackson.annotation.JsonProperty("new") JsonNode desired,
                       String secret) {
        static FieldChange value(String path, JsonNode old, JsonNode desired) {
            return new FieldChange(path, old, desired, null);
        }

        static FieldChange secret(String path, String state) { return new FieldChange(path, null, null, state); }
    }

    static ConnectionPlan error(String namespace, String name, String reason, String message) {
        return new ConnectionPlan(namespace, name, null, null, null, Action.error, List.of(), reason, message);
    }
}
