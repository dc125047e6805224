package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.provider.fake.FakeVendorClient;
import dev.federator.provider.spi.RemoteConnection;
import org.junit.jupiter.api.Test;

/**
 * Sync and delete decide ownership by one rule. The delete path used to ignore {@code pendingCreate}: on a vendor
 * with no owner marker (DevRev, LoginRadius), a crash between the vendor's create and the status write, then a
 * delete of the resource, left the remote connection behind with a NotDeleted event.
 */
class OwnershipTest {
    private static final String UID = "uid-1";

    @Test
    void aCreateWhoseAnswerWasLostIsOursOnAVendorWithoutOwnerMarker() {
        IdentityConnectionStatus status = new IdentityConnectionStatus();
        status.pendingCreate = "corp";
        RemoteConnection remote = new RemoteConnection("remote-7", "corp", JsonNodeFactory.instance.objectNode());

        assertThat(Ownership.owns(remote, status, UID, new FakeVendorClient(false))).isTrue();
    }

    @Test
    void withoutMarkerOnlyTheRecordedIdOrThePendingNameCount() {
        FakeVendorClient noMarker = new FakeVendorClient(false);
        IdentityConnectionStatus status = new IdentityConnectionStatus();
        RemoteConnection foreign = new RemoteConnection("remote-9", "corp", JsonNodeFactory.instance.objectNode());
        assertThat(Ownership.owns(foreign, status, UID, noMarker)).as("nothing recorded").isFalse();

        status.externalId = "remote-9";
        assertThat(Ownership.owns(foreign, status, UID, noMarker)).as("recorded id").isTrue();

        status.externalId = "remote-1";
        status.pendingCreate = "other";
        assertThat(Ownership.owns(foreign, status, UID, noMarker)).as("another id, another pending name").isFalse();
    }

    @Test
    void aMarkerDecidesAloneWhereTheVendorKeepsOne() {
        FakeVendorClient marked = new FakeVendorClient(true);
        IdentityConnectionStatus status = new IdentityConnectionStatus();
        status.pendingCreate = "corp";
        ObjectNode someoneElses = JsonNodeFactory.instance.objectNode().put("owner", "uid-2");
        assertThat(Ownership.owns(new RemoteConnection("r", "corp", someoneElses), status, UID, marked))
                .as("another resource's marker beats a pending name").isFalse();
        ObjectNode ours = JsonNodeFactory.instance.objectNode().put("owner", UID);
        assertThat(Ownership.owns(new RemoteConnection("r", "corp", ours), status, UID, marked)).isTrue();
    }

    @Test
    void anAdoptionWithoutMarkerWriteIsOursThroughTheRecordedIdOnlyWithConsent() {
        FakeVendorClient marked = new FakeVendorClient(true);
        IdentityConnectionStatus status = new IdentityConnectionStatus();
        status.externalId = "r";
        ObjectNode someoneElses = JsonNodeFactory.instance.objectNode().put("owner", "uid-2");
        RemoteConnection remote = new RemoteConnection("r", "corp", someoneElses);
        assertThat(Ownership.owns(remote, status, UID, marked, AdoptionPolicy.IfExists))
                .as("adopted with IfExists, marker left as it was").isTrue();
        assertThat(Ownership.owns(remote, status, UID, marked, AdoptionPolicy.Never))
                .as("without consent, another resource's marker wins over a recorded id").isFalse();
        assertThat(Ownership.owns(new RemoteConnection("r", "corp", JsonNodeFactory.instance.objectNode()), status,
                UID, marked)).as("no marker at all: the recorded id").isTrue();
        status.externalId = "other";
        assertThat(Ownership.owns(remote, status, UID, marked, AdoptionPolicy.IfExists))
                .as("consent alone is not ownership: the adoption records the id first").isFalse();
    }
}
