package dev.federator.serviceprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.ServiceProviderStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ConfigMap as Federator writes it: labelled, owned by the connection as its controller, known values only. */
class ServiceProviderConfigMapsTest {
    private static IdentityConnection connection(String name, String uid) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
        return c;
    }

    @Test
    void theConfigMapIsLabelledAndOwnedByTheConnection() {
        ConfigMap map = ServiceProviderConfigMaps.desired(connection("corp-adfs", "uid-1"), "corp-adfs-sp",
                new ServiceProviderStatus(null, "https://sp/acs", "urn:sp", "https://sp/metadata", null));
        assertThat(map.getMetadata().getName()).isEqualTo("corp-adfs-sp");
        assertThat(map.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(map.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/managed-by", "federator", "federator.dev/connection", "corp-adfs"));
        OwnerReference owner = map.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("IdentityConnection");
        assertThat(owner.getApiVersion()).isEqualTo("federator.dev/v1alpha1");
        assertThat(owner.getUid()).isEqualTo("uid-1");
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isNull(); // it would need a grant on identityconnections/finalizers
        assertThat(map.getData()).containsOnlyKeys("acsUrl", "entityId", "metadataUrl");
        assertThat(ServiceProviderConfigMaps.ownedBy(map, connection("corp-adfs", "uid-1"))).isTrue();
        assertThat(ServiceProviderConfigMaps.ownedBy(map, connection("corp-adfs", "uid-2"))).isFalse();
    }

    @Test
    void aForeignConfigMapIsNotOurs() {
        ConfigMap foreign = new ConfigMap();
        foreign.setMetadata(new ObjectMetaBuilder().withName("corp-adfs-sp").withNamespace("ns").build());
        assertThat(ServiceProviderConfigMaps.ownedBy(foreign, connection("corp-adfs", "uid-1"))).isFalse();
    }

    @Test
    void aLongConnectionNameIsCutToALabelValue() {
        String name = "a".repeat(62) + ".b" + "c".repeat(10);
        assertThat(ServiceProviderConfigMaps.labelValue(name)).isEqualTo("a".repeat(62));
        assertThat(ServiceProviderConfigMaps.labelValue("corp-adfs")).isEqualTo("corp-adfs");
    }
}
