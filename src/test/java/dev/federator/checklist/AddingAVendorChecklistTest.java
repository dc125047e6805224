package dev.federator.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.platform.VendorRegistry;
import dev.federator.provider.devrev.DevRevSettings;
import dev.federator.provider.keycloak.KeycloakSettings;
import dev.federator.sandbox.SimulatorFleet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps docs/adding-a-vendor.md honest: every vendor registered through ServiceLoader has done every step of it, and
 * the platform spec's vendor blocks and CEL rule name exactly the registered vendors.
 */
class AddingAVendorChecklistTest {
    private static final VendorRegistry REGISTRY = new VendorRegistry();
    private static SimulatorFleet fleet;
    private static VendorChecklist checklist;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatorFleet.start();
        checklist = new VendorChecklist(REGISTRY, fleet);
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    static Stream<String> registered() { return REGISTRY.vendors().stream(); }

    @ParameterizedTest
    @MethodSource("registered")
    void everyRegisteredVendorHasDoneEveryStep(String vendor) {
        assertThat(checklist.missing(vendor)).isEmpty();
    }

    @Test
    void thePlatformSpecAndItsCelRuleNameExactlyTheRegisteredVendors() {
        assertThat(REGISTRY.vendors()).isNotEmpty();
        assertThat(VendorChecklist.unregistered(REGISTRY.vendors())).isEmpty();
        assertThat(VendorChecklist.celVendors()).isEqualTo(REGISTRY.vendors());
    }

    /** The checks can fail: a vendor that did none of the steps is reported once per step, by name. */
    @Test
    void aVendorWithNoStepDoneIsReportedForEveryStep() {
        List<String> missing = checklist.missing("acme");
        assertThat(missing).allSatisfy(m -> assertThat(m).startsWith("acme: step '")
                .contains(VendorChecklist.GUIDE));
        assertThat(missing).extracting(m -> m.substring("acme: step '".length(), m.indexOf("' of ")))
                .containsExactly("provider", "platform spec block", "CEL rule", "status descriptions", "CRD regeneration",
                        "simulator in the fleet", "fault-list entry", "contract-test fixture", "sample",
                        "vendors table row", "vendor notes", "service-provider values");
    }

    /** And a block or CEL entry left behind by a vendor that is no longer registered is reported too. */
    @Test
    void aBlockWithoutARegisteredVendorIsReported() {
        Set<String> withoutSlashId = new TreeSet<>(REGISTRY.vendors());
        withoutSlashId.remove("slashid");
        assertThat(VendorChecklist.unregistered(withoutSlashId)).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("'slashid'"));
    }

    @Test
    void aSettingsRecordThatDoesNotMatchItsBlockIsReported() {
        assertThat(VendorChecklist.settingsMismatch(KeycloakPlatformSpec.class, DevRevSettings.class))
                .hasValueSatisfying(why -> assertThat(why).contains("DevRevSettings [url]")
                        .contains("KeycloakPlatformSpec [authRealm, realm, url]"));
        assertThat(VendorChecklist.settingsMismatch(KeycloakPlatformSpec.class, KeycloakSettings.class)).isEmpty();
    }

    @Test
    void theVendorsTableAndNotesAreFound() {
        assertThat(VendorChecklist.vendorsTableNames()).hasSizeGreaterThanOrEqualTo(REGISTRY.vendors().size());
        assertThat(VendorChecklist.vendorsNotesHeadings()).hasSizeGreaterThanOrEqualTo(REGISTRY.vendors().size());
    }
}
