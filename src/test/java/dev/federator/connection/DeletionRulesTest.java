package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a deleted connection may skip the vendor, and what it tells the user when it cannot finish. */
class DeletionRulesTest {
    @Test
    void onlyAConnectionWithNeitherACreateIntentNorARemoteIdNeverReachedTheVendor() {
        assertThat(ConnectionCleanup.neverReachedVendor(new IdentityConnectionStatus())).isTrue();
        IdentityConnectionStatus intent = new IdentityConnectionStatus();
        intent.pendingCreate = "partner";
        assertThat(ConnectionCleanup.neverReachedVendor(intent)).as("a create may have landed").isFalse();
        IdentityConnectionStatus created = new IdentityConnectionStatus();
        created.externalId = "42";
        assertThat(ConnectionCleanup.neverReachedVendor(created)).isFalse();
    }

    @Test
    void theHintNamesTheResourceAndBothCommandsAreValidPatches() throws Exception {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName("partner").withNamespace("team-a").build());
        String hint = DeletionHints.howToForce(c);
        assertThat(hint).contains("kubectl patch identityconnection partner -n team-a --type merge -p ")
                .contains("kubectl patch identityconnection partner -n team-a --type json -p ");
        ObjectMapper json = new ObjectMapper();
        List<String> payloads = java.util.regex.Pattern.compile("-p '([^']*)'").matcher(hint).results()
                .map(m -> m.group(1)).toList();
        assertThat(payloads).hasSize(2);
        assertThat(json.readTree(payloads.get(0)).at("/spec/deletionPolicy").asText()).isEqualTo("Orphan");
        assertThat(json.readTree(payloads.get(1)).get(0).path("path").asText()).isEqualTo("/metadata/finalizers");
    }
}
