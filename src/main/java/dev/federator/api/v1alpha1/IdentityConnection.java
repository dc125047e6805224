package dev.federator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An SSO connection on an identity platform, declared in Git. */
@Group(IdentityConnection.GROUP)
@Version(IdentityConnection.VERSION)
@ShortNames({"idc", "idconn"})
@AdditionalPrinterColumn(name = "Platform", jsonPath = ".spec.platformRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Synced", jsonPath = ".status.conditions[?(@.type==\"Synced\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "External-ID", jsonPath = ".status.externalId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class IdentityConnection extends CustomResource<IdentityConnectionSpec, IdentityConnectionStatus>
        implements Namespaced {
    public static final String GROUP = "federator.dev";
    public static final String VERSION = "v1alpha1";

    /** The remote name: spec.connectionName, or metadata.name when unset. */
    public String remoteName() {
        String name = getSpec() == null ? null : getSpec().connectionName;
        return name == null || name.isBlank() ? getMetadata().getName() : name;
    }
}
