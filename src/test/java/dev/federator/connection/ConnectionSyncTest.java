package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.ConnectionType;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionSpec;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.ManagementPolicy;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.secrets.Fingerprints;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import dev.federator.provider.fake.FakeVendorClient;
import dev.federator.provider.spi.ConnectionKind;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.SecretValue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionSyncTest {
    private final List<String> events = new ArrayList<>();
    private final EventRecorder recorder = new EventRecorder(null, Clock.systemUTC()) {
        @Override public void normal(HasMetadata r, String reason, String message) { events.add(reason); }
        @Override public void warning(HasMetadata r, String reason, String message) { events.add(reason); }
    };
    private final RemoteSnapshots snapshots = new RemoteSnapshots(Clock.systemUTC());
    private final ConnectionSync sync = new ConnectionSync(new Fingerprints(new byte[32]), recorder, snapshots,
            Clock.systemUTC());
    private final ResolvedPlatform platform = new ResolvedPlatform("ns/fake", new IdentityPlatform(), new PlatformSpec(),
            "fake", "ns");
    private final List<String> persisted = new ArrayList<>();
    private IdentityConnection connection;
    private IdentityConnectionStatus status;

    @BeforeEach
    void setUp() {
        connection = new IdentityConnection();
        connection.setMetadata(new ObjectMetaBuilder().withName("corp").withNamespace("ns").withUid("uid-1")
                .withGeneration(1L).build());
        IdentityConnectionSpec spec = new IdentityConnectionSpec();
        spec.type = ConnectionType.OIDC;
        connection.setSpec(spec);
        status = new IdentityConnectionStatus();
    }

    private DesiredConnection desired(String secret, String displayName) {
        return new DesiredConnection("corp", displayName, true, ConnectionKind.OIDC,
                new DesiredConnection.Oidc(null, "cid", SecretValue.of(secret), List.of(), null, null, null, null,
                        null, null, null, null, null),
                null, null, null, null, Map.of(), "uid-1");
    }

    private void run(FakeVendorClient vendor, DesiredConnection desired) { run(vendor, desired, false); }

    private void run(FakeVendorClient vendor, DesiredConnection desired, boolean steady) {
        sync.sync(connection, status, platform, vendor, desired, steady, s -> persisted.add(s.pendingCreate));
    }

    @Test
    void driftSeenInAStaleListingIsWrittenFromAFreshRead() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        vendor.listable = true;
        run(vendor, desired("s1", "Corp"));
        vendor.store.get("corp").put("displayName", "Edited");
        snapshots.find(platform.key(), vendor, "corp", java.time.Duration.ofMinutes(1), null); // the listing sees the edit
        vendor.store.get("corp").put("serverManaged", "changed-on-the-vendor-since");
        run(vendor, desired("s1", "Corp"), true);
        assertThat(vendor.writes).containsExactly("create corp", "update corp [displayName]");
        assertThat(vendor.store.get("corp").path("serverManaged").asText()).isEqualTo("changed-on-the-vendor-since");
        assertThat(vendor.store.get("corp").path("displayName").asText()).isEqualTo("Corp");
    }

    @Test
    void steadyDriftChecksShareOneListingAndStillRevertEdits() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        vendor.listable = true;
        run(vendor, desired("s1", "Corp"));
        int readsAfterCreate = vendor.reads;
        for (int i = 0; i < 5; i++) {
            run(vendor, desired("s1", "Corp"), true);
        }
        assertThat(vendor.lists).isEqualTo(1);
        assertThat(vendor.reads).isEqualTo(readsAfterCreate);
        assertThat(vendor.writes).containsExactly("create corp");
    }

    @Test
    void createsOnceThenCostsReadsOnly() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).containsExactly("create corp");
        assertThat(persisted).containsExactly("corp");
        assertThat(status.externalId).isEqualTo("id-corp");
        assertThat(status.pendingCreate).isNull();
        assertThat(status.secretFingerprints).containsKey("secret").doesNotContainValue("s1");
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
        run(vendor, desired("s1", "Corp"));
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).containsExactly("create corp");
        assertThat(events).containsExactly("Created");
    }

    @Test
    void secretRotationWritesExactlyOnceAndKeepsServerManagedFields() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        run(vendor, desired("s1", "Corp"));
        run(vendor, desired("s2", "Corp"));
        run(vendor, desired("s2", "Corp"));
        assertThat(vendor.writes).containsExactly("create corp", "update corp [secret]");
        assertThat(vendor.secrets).containsEntry("corp", "s2");
        assertThat(vendor.store.get("corp").path("serverManaged").asText()).isEqualTo("keep-me");
    }

    @Test
    void revertsDriftMadeOnTheVendor() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        run(vendor, desired("s1", "Corp"));
        vendor.store.get("corp").put("displayName", "Edited by hand");
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).containsExactly("create corp", "update corp [displayName]");
        assertThat(vendor.store.get("corp").path("displayName").asText()).isEqualTo("Corp");
    }

    @Test
    void aForeignConnectionIsNeverTakenOverWithoutAdoption() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        vendor.store.put("corp", (com.fasterxml.jackson.databind.node.ObjectNode) JsonTree.object()
                .put("id", "theirs").put("name", "corp").put("displayName", "Theirs"));
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).isEmpty();
        assertThat(Conditions.find(status.conditions, Conditions.READY).orElseThrow().getReason())
                .isEqualTo("AlreadyExists");

        connection.getSpec().adoption = AdoptionPolicy.IfExists;
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).containsExactly("update corp [displayName, enabled, secret]");
        assertThat(events).contains("Adopted");
        assertThat(status.externalId).isEqualTo("theirs");
    }

    @Test
    void anAdoptionOfWhatTheSpecSaysWritesNothingAndALaterRotationIsWritten() {
        FakeVendorClient vendor = new FakeVendorClient(true);
        // Created by another resource (its marker is on the vendor) and holding the secret the Secret holds.
        vendor.store.put("corp", (com.fasterxml.jackson.databind.node.ObjectNode) JsonTree.object()
                .put("id", "theirs").put("name", "corp").put("displayName", "Corp").put("enabled", true)
                .put("owner", "someone-else").put("secret", "***"));
        vendor.secrets.put("corp", "s1");
        connection.getSpec().adoption = AdoptionPolicy.IfExists;

        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).as("neither the marker nor the hidden secret is written").isEmpty();
        assertThat(events).contains("Adopted");
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
        assertThat(status.secretFingerprints).containsKey("secret");

        events.clear();
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).as("the next pass").isEmpty();
        assertThat(events).as("adopted once: the recorded id keeps it ours").doesNotContain("Adopted");

        run(vendor, desired("s2", "Corp"));
        assertThat(vendor.writes).as("a rotation of the Secret is written, with the deferred marker")
                .containsExactly("update corp [secret, owner]");
        assertThat(vendor.secrets).containsEntry("corp", "s2");
        assertThat(vendor.store.get("corp").path("owner").asText()).isEqualTo("uid-1");
    }

    @Test
    void anAdoptionThatWritesAnywayAlsoWritesTheSecretAndTheMarker() {
        FakeVendorClient vendor = new FakeVendorClient(true);
        vendor.store.put("corp", (com.fasterxml.jackson.databind.node.ObjectNode) JsonTree.object()
                .put("id", "theirs").put("name", "corp").put("displayName", "Theirs").put("enabled", true));
        connection.getSpec().adoption = AdoptionPolicy.IfExists;
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).hasSize(1).first().asString().contains("displayName", "secret", "owner");
    }

    @Test
    void aCrashAfterCreateIsRecognisedThroughThePendingCreate() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        run(vendor, desired("s1", "Corp"));
        // The operator died before the final status write: only the pending create reached the API server.
        IdentityConnectionStatus lost = new IdentityConnectionStatus();
        lost.pendingCreate = "corp";
        lost.secretFingerprints.putAll(status.secretFingerprints);
        status = lost;
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).containsExactly("create corp");
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
    }

    @Test
    void anOwnerMarkerOnTheVendorBeatsALostStatus() {
        FakeVendorClient vendor = new FakeVendorClient(true);
        run(vendor, desired("s1", "Corp"));
        status = new IdentityConnectionStatus();
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes.stream().filter(w -> w.startsWith("create"))).hasSize(1);
        assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
    }

    @Test
    void observeOnlyReportsDriftByNameAndNeverWrites() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        run(vendor, desired("s1", "Corp"));
        vendor.writes.clear();
        vendor.store.get("corp").put("displayName", "Edited");
        connection.getSpec().managementPolicy = ManagementPolicy.ObserveOnly;
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).isEmpty();
        assertThat(status.drift).containsExactly("displayName");
        assertThat(Conditions.find(status.conditions, Conditions.READY).orElseThrow().getReason())
                .isEqualTo("DriftDetected");
        assertThat(Conditions.find(status.conditions, Conditions.READY).orElseThrow().getMessage())
                .doesNotContain("Edited");
    }

    @Test
    void aConnectionDeletedOnTheVendorIsRecreatedWithAWarning() {
        FakeVendorClient vendor = new FakeVendorClient(false);
        run(vendor, desired("s1", "Corp"));
        vendor.store.clear();
        run(vendor, desired("s1", "Corp"));
        assertThat(vendor.writes).containsExactly("create corp", "create corp");
        assertThat(events).containsExactly("Created", "Recreated");
    }
}
