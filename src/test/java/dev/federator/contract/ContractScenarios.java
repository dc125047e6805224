package dev.federator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import dev.federator.provider.spi.Lookup;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.federator.api.v1alpha1.AdoptionPolicy;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.kit.JsonTree;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.provider.spi.Rendering;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorClient;
import dev.federator.provider.spi.VendorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/** The body of every {@link Scenario}, written once against the SPI and a {@link VendorFixture}. */
final class ContractScenarios<S extends AutoCloseable> {
    static final String NAME = "contract-sso";
    private static final String OWNER = "6d1f0c2e-0000-4000-8000-00000000c0de";
    private static final String SOMEONE_ELSE = "6d1f0c2e-0000-4000-8000-0000000e15e0";

    private final ContractHarness<S> h;
    private final VendorFixture<S> fixture;
    private final String vendor;
    // Unique per run, so that finding one in an answer can only mean the vendor sent it back.
    private final String secret1 = "contract-secret-one-" + UUID.randomUUID();
    private final String secret2 = "contract-secret-two-" + UUID.randomUUID();

    ContractScenarios(ContractHarness<S> harness) {
        this.h = harness;
        this.fixture = harness.fixture();
        this.vendor = fixture.vendor();
    }

    void run(Scenario scenario) {
        switch (scenario) {
            case CREATE -> create();
            case READ_BACK -> readBack();
            case UPDATE_ONE_FIELD -> updateOneField();
            case ROTATE_SECRET -> rotateSecret();
            case DISABLE -> disable();
            case DELETE -> delete();
            case DELETE_AFTER_CRASH -> deleteAfterCrash(false);
            case DELETE_AFTER_CRASH_AND_RESTART -> deleteAfterCrash(true);
            case ADOPT -> adopt();
        }
        if (fixture.secretReturnedOnRead().isEmpty()) {
            assertThat(h.wire().answered(secret1) || h.wire().answered(secret2))
                    .as("%s: a write-only secret came back in one of the vendor's %d answers", vendor,
                            h.wire().answerCount()).isFalse();
        }
    }

    private DesiredConnection desired(String secret) {
        return fixture.desired(NAME, OWNER, SecretValue.of(secret));
    }

    /** Creates the connection through a first pass and checks what every later scenario builds on. */
    private ContractHarness<S>.Connection created(DesiredConnection desired) {
        h.resetLogs();
        ContractHarness<S>.Connection c = h.connection(desired).pass(desired);
        assertThat(c.ready()).as("%s: Ready after the first pass, but %s", vendor, c.readyReason()).isTrue();
        assertThat(h.adapterWrites()).as("%s: the first pass", vendor).containsExactly("create");
        assertThat(h.vendorWrites()).as("%s: the create reached the vendor", vendor).isNotEmpty()
                .first().satisfies(call -> assertThat(call.method()).as("%s: the create's verb", vendor)
                        .isIn("POST", "PUT"));
        assertWritesSucceeded("the create");
        return c;
    }

    private void create() {
        DesiredConnection desired = desired(secret1);
        ContractHarness<S>.Connection c = created(desired);
        RemoteConnection remote = c.remote(NAME);
        assertThat(remote.id()).as("%s: status.externalId is the vendor's id", vendor).isEqualTo(c.status().externalId);
        assertThat(remote.name()).isEqualTo(NAME);
        assertThat(fixture.stored(h.sim(), remote)).as("%s: the simulator stores the connection", vendor).isPresent();
        assertThat(fixture.enabledOnVendor(h.sim(), remote)).as("%s: created enabled", vendor).isTrue();
        h.client().ownerMarkerPath().ifPresent(path -> assertThat(JsonTree.at(remote.body(), path).asText())
                .as("%s: the owner marker names the resource", vendor).isEqualTo(OWNER));
        if (hasSecret(desired)) {
            assertThat(h.storedSecret(remote)).as("%s: the secret reached the vendor", vendor).contains(secret1);
        }
        c.assertQuiet(desired, "create");
    }

    private void readBack() {
        DesiredConnection desired = desired(secret1);
        ContractHarness<S>.Connection c = created(desired);
        h.resetLogs();
        assertThat(c.observe(desired, h.client())).as("%s: drift right after create", vendor).isEmpty();
        assertThat(c.ready()).as("%s: Ready when observed, but %s", vendor, c.readyReason()).isTrue();
        VendorClient restarted = h.newClient();
        assertThat(restarted.find(Lookup.byName(NAME, c.status().externalId))).as("%s: a new client finds it by its id", vendor)
                .map(RemoteConnection::id).contains(c.status().externalId);
        assertThat(c.observe(desired, restarted)).as("%s: drift seen by a new client", vendor).isEmpty();
        assertThat(h.vendorWrites()).as("%s: observing wrote", vendor).isEmpty();

        Rendering rendering = h.client().render(desired);
        List<String> secretPaths = changedPaths(desired, desired(secret2));
        if (fixture.secretReturnedOnRead().isEmpty()) {
            assertThat(rendering.writeOnlyPaths()).as("%s: the secret's fields are declared write-only", vendor)
                    .containsAll(secretPaths);
        } else {
            RemoteConnection remote = c.remote(NAME);
            assertThat(rendering.writeOnlyPaths()).as("%s: a secret the vendor returns is compared by value", vendor)
                    .doesNotContainAnyElementsOf(secretPaths);
            secretPaths.forEach(path -> assertThat(JsonTree.at(remote.body(), path).asText()).isEqualTo(secret1));
        }
        c.assertQuiet(desired, "read back");
    }

    private void updateOneField() {
        DesiredConnection desired = desired(secret1);
        ContractHarness<S>.Connection c = created(desired);
        FieldUpdate update = fixture.update();
        DesiredConnection changed = update.change().apply(desired);
        List<String> paths = changedPaths(desired, changed);
        assertThat(paths).as("%s: the fixture's change of %s changes the rendering", vendor, update.field())
                .isNotEmpty();

        h.resetLogs();
        c.pass(changed);
        assertThat(c.ready()).as("%s: Ready after changing %s, but %s", vendor, update.field(), c.readyReason())
                .isTrue();
        assertThat(h.adapterWrites()).as("%s: changing %s", vendor, update.field())
                .containsExactly("update " + paths);
        assertInPlaceWrites("an update of " + update.field());
        RemoteConnection remote = c.remote(NAME);
        assertThat(fixture.stored(h.sim(), remote).map(update.stored()))
                .as("%s: the vendor holds the new %s", vendor, update.field()).contains(update.expected());
        if (hasSecret(desired)) {
            assertThat(h.storedSecret(remote)).as("%s: the secret survives an update of %s", vendor, update.field())
                    .contains(secret1);
        }
        assertThat(fixture.enabledOnVendor(h.sim(), remote)).as("%s: still enabled", vendor).isTrue();
        c.assertQuiet(changed, "an update of " + update.field());
    }

    private void rotateSecret() {
        DesiredConnection desired = desired(secret1);
        assertThat(hasSecret(desired)).as("%s: the fixture's connection carries no secret; declare %s unsupported "
                + "with the reason", vendor, Scenario.ROTATE_SECRET).isTrue();
        ContractHarness<S>.Connection c = created(desired);
        DesiredConnection rotated = desired(secret2);
        List<String> paths = changedPaths(desired, rotated);

        h.resetLogs();
        c.pass(rotated);
        assertThat(c.ready()).as("%s: Ready after a rotation, but %s", vendor, c.readyReason()).isTrue();
        assertThat(h.adapterWrites()).as("%s: a rotation", vendor).containsExactly("update " + paths);
        assertInPlaceWrites("a rotation");
        RemoteConnection remote = c.remote(NAME);
        assertThat(h.storedSecret(remote)).as("%s: the vendor holds the new secret", vendor).contains(secret2);
        assertThat(c.status().toString()).doesNotContain(secret1).doesNotContain(secret2);
        c.assertQuiet(rotated, "a rotation");
    }

    private void disable() {
        DesiredConnection desired = desired(secret1);
        ContractHarness<S>.Connection c = created(desired);
        DesiredConnection off = fixture.disabled(desired);

        h.resetLogs();
        c.pass(off);
        assertThat(c.ready()).as("%s: Ready after disabling, but %s", vendor, c.readyReason()).isTrue();
        assertThat(h.adapterWrites()).as("%s: disabling", vendor).singleElement().asString().startsWith("update");
        assertInPlaceWrites("disabling");
        assertThat(fixture.enabledOnVendor(h.sim(), c.remote(NAME))).as("%s: disabled on the vendor", vendor).isFalse();
        c.assertQuiet(off, "disabling");

        h.resetLogs();
        c.pass(desired);
        assertThat(h.adapterWrites()).as("%s: enabling again", vendor).singleElement().asString().startsWith("update");
        assertInPlaceWrites("enabling again");
        assertThat(fixture.enabledOnVendor(h.sim(), c.remote(NAME))).as("%s: enabled again", vendor).isTrue();
        if (hasSecret(desired)) {
            assertThat(h.storedSecret(c.remote(NAME))).as("%s: the secret survives disabling", vendor).contains(secret1);
        }
        c.assertQuiet(desired, "enabling again");
    }

    private void delete() {
        DesiredConnection desired = desired(secret1);
        ContractHarness<S>.Connection c = created(desired);
        RemoteConnection remote = c.remote(NAME);

        h.resetLogs();
        c.delete(NAME);
        assertThat(h.adapterWrites()).as("%s: deleting", vendor).containsExactly("delete");
        assertThat(h.vendorWrites()).as("%s: the delete reached the vendor", vendor)
                .anyMatch(call -> call.method().equals("DELETE") || call.route().toLowerCase().contains("delete"));
        assertWritesSucceeded("the delete");
        assertThat(fixture.stored(h.sim(), remote)).as("%s: the simulator still stores it", vendor).isEmpty();

        h.resetLogs();
        assertThat(h.newClient().find(Lookup.byName(NAME, c.status().externalId))).as("%s: found after delete", vendor).isEmpty();
        assertThat(h.vendorWrites()).as("%s: looking for a deleted connection wrote", vendor).isEmpty();
    }

    /**
     * The create reached the vendor, the status write did not; the resource is then deleted. The operator's cleanup
     * must find the connection from the resource and its pendingCreate alone, and delete it as its own.
     */
    private void deleteAfterCrash(boolean restart) {
        DesiredConnection desired = desired(secret1);
        h.resetLogs();
        ContractHarness<S>.Connection c = h.connection(desired);
        RemoteConnection left = c.crashMidCreate(desired);
        assertThat(h.adapterWrites()).as("%s: the pass before the crash", vendor).containsExactly("create");
        assertThat(c.status().externalId).as("%s: the status lost the id", vendor).isNull();
        assertThat(c.status().pendingCreate).as("%s: the status kept the pending create", vendor).isEqualTo(NAME);

        VendorClient deleter = restart ? h.newClient() : h.client();
        h.resetLogs();
        assertThat(c.cleanup(deleter)).as("%s: cleanup after a crash mid-create%s", vendor,
                restart ? " and a restart" : "").isIn("Deleted", "Pending");
        assertThat(h.vendorWrites()).as("%s: the delete reached the vendor", vendor)
                .anyMatch(call -> call.method().equals("DELETE") || call.route().toLowerCase().contains("delete"));
        assertWritesSucceeded("the delete");
        // The operator requeues the cleanup while the vendor still shows the connection (an asynchronous delete).
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(c.cleanup(h.newClient())).as("%s: a later cleanup", vendor).isEqualTo("Gone"));
        assertThat(fixture.stored(h.sim(), left)).as("%s: still stored after the cleanup", vendor).isEmpty();
    }

    /**
     * Adoption of a connection that already matches the spec writes nothing (issue 20): the hidden secret is trusted
     * to be what the Secret holds, the owner marker waits for the next real write, which a rotation then makes.
     */
    private void adopt() {
        VendorClient someoneElse = h.newClient();
        DesiredConnection theirs = fixture.desired(NAME, SOMEONE_ELSE, SecretValue.of(secret1));
        RemoteConnection existing = someoneElse.create(theirs, someoneElse.render(theirs));
        DesiredConnection ours = desired(secret1);

        h.resetLogs();
        ContractHarness<S>.Connection c = h.connection(ours).pass(ours);
        assertThat(c.ready()).as("%s: Ready over someone else's connection", vendor).isFalse();
        assertThat(c.readyReason()).isEqualTo("AlreadyExists");
        assertThat(h.adapterWrites()).as("%s: a refused adoption", vendor).isEmpty();
        assertThat(h.vendorWrites()).as("%s: a refused adoption wrote to the vendor", vendor).isEmpty();

        h.resetLogs();
        c.adoption(AdoptionPolicy.IfExists).pass(ours);
        assertThat(c.ready()).as("%s: Ready after adoption, but %s", vendor, c.readyReason()).isTrue();
        assertThat(h.events()).as("%s: adoption events", vendor).contains("Adopted").doesNotContain("Created");
        assertThat(h.adapterWrites()).as("%s: adopting what the spec says", vendor).isEmpty();
        assertThat(h.vendorWrites()).as("%s: adopting what the spec says wrote to the vendor", vendor).isEmpty();
        assertThat(c.status().externalId).as("%s: the adopted connection is the existing one", vendor)
                .isEqualTo(existing.id());
        c.assertQuiet(ours, "adoption");
        if (!hasSecret(ours)) {
            return;
        }
        DesiredConnection rotated = desired(secret2);
        h.resetLogs();
        c.pass(rotated);
        assertThat(c.ready()).as("%s: Ready after the rotation, but %s", vendor, c.readyReason()).isTrue();
        assertThat(h.adapterWrites()).as("%s: a rotation after adoption", vendor).isNotEmpty();
        RemoteConnection adopted = c.remote(NAME);
        assertThat(h.storedSecret(adopted)).as("%s: the rotated secret reached the vendor", vendor).contains(secret2);
        h.client().ownerMarkerPath().ifPresent(path -> assertThat(JsonTree.at(adopted.body(), path).asText())
                .as("%s: the deferred owner marker went with the rotation", vendor).isEqualTo(OWNER));
        c.assertQuiet(rotated, "the rotation after adoption");
    }

    /** An update changes the connection where it is: it reaches the vendor, succeeds, and deletes nothing. */
    private void assertInPlaceWrites(String what) {
        assertThat(h.vendorWrites()).as("%s: %s reached the vendor", vendor, what).isNotEmpty()
                .noneMatch(call -> call.method().equals("DELETE") || call.route().toLowerCase().contains("delete"));
        assertWritesSucceeded(what);
    }

    /** Every write of a clean scenario is accepted: an adapter that leans on a refusal shows up here. */
    private void assertWritesSucceeded(String what) {
        assertThat(h.vendorWrites()).as("%s: the vendor's answers to %s", vendor, what)
                .allMatch(call -> call.status() >= 200 && call.status() < 300);
    }

    /**
     * Keeps a fixture's "cannot" honest where the harness can tell: a vendor that learns to disable, or a connection
     * that gains a secret, must run the scenario instead of skipping it.
     */
    void confirmUnsupported(Scenario scenario) {
        DesiredConnection desired = desired(secret1);
        switch (scenario) {
            case DISABLE -> assertThatThrownBy(() -> h.client().render(fixture.disabled(desired)))
                    .as("%s declares %s unsupported, yet renders a disabled connection", vendor, scenario)
                    .isInstanceOf(VendorException.class);
            case ROTATE_SECRET -> assertThat(hasSecret(desired))
                    .as("%s declares %s unsupported, yet its connection carries a secret", vendor, scenario).isFalse();
            default -> { }
        }
    }

    private static boolean hasSecret(DesiredConnection desired) {
        return (desired.oidc() != null && desired.oidc().clientSecret() != null)
                || (desired.hosted() != null && desired.hosted().clientSecret() != null);
    }

    /** The rendered fields that differ between two desired states, sorted: what a pass must report as changed. */
    private List<String> changedPaths(DesiredConnection before, DesiredConnection after) {
        Map<String, JsonNode> was = JsonTree.leaves(h.client().render(before).body());
        Map<String, JsonNode> now = JsonTree.leaves(h.client().render(after).body());
        TreeSet<String> paths = new TreeSet<>(was.keySet());
        paths.addAll(now.keySet());
        List<String> changed = new ArrayList<>();
        for (String path : paths) {
            if (!Objects.equals(was.get(path), now.get(path))) {
                changed.add(path);
            }
        }
        return changed;
    }
}
