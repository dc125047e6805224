package dev.federator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.federator.platform.VendorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every vendor the operator would load runs every {@link Scenario} through its adapter against its simulator. A
 * vendor registered without a fixture fails here with what to add; a scenario a vendor cannot run is reported as
 * skipped with the reason its fixture gives.
 */
class VendorContractTest {
    private static final VendorRegistry REGISTRY = new VendorRegistry();

    @TestFactory
    Stream<DynamicNode> everyRegisteredVendorRunsTheScenarioList() {
        List<DynamicNode> vendors = new ArrayList<>();
        for (String vendor : REGISTRY.vendors()) {
            Optional<VendorFixture<?>> fixture = VendorFixtures.forVendor(vendor);
            if (fixture.isEmpty()) {
                vendors.add(DynamicTest.dynamicTest(vendor + " has a contract fixture",
                        () -> fail(ContractCoverage.missingFixture(vendor))));
                continue;
            }
            vendors.add(DynamicContainer.dynamicContainer(vendor, Stream.of(Scenario.values())
                    .map(scenario -> DynamicTest.dynamicTest(scenario.description(),
                            () -> run(fixture.get(), scenario, REGISTRY)))));
        }
        return vendors.stream();
    }

    static <S extends AutoCloseable> void run(VendorFixture<S> fixture, Scenario scenario, VendorRegistry registry) {
        String reason = fixture.unsupported().get(scenario);
        try (ContractHarness<S> harness = new ContractHarness<>(fixture, registry)) {
            ContractScenarios<S> scenarios = new ContractScenarios<>(harness);
            if (reason != null) {
                scenarios.confirmUnsupported(scenario);
                Assumptions.abort(fixture.vendor() + " cannot " + scenario + ": " + reason);
            }
            scenarios.run(scenario);
        }
    }

    @Test
    void fixturesAndRegisteredVendorsMatch() {
        assertThat(ContractCoverage.gaps(REGISTRY.vendors(), VendorFixtures.ALL)).isEmpty();
    }

    @Test
    void aVendorRegisteredWithoutAFixtureIsNamedWithWhatToAdd() {
        List<String> gaps = ContractCoverage.gaps(Set.of("keycloak", "acme"), VendorFixtures.ALL);
        assertThat(gaps).anySatisfy(gap -> assertThat(gap).startsWith("vendor 'acme' is registered")
                .contains("VendorFixture").contains("VendorFixtures.ALL"));
        assertThat(gaps).anySatisfy(gap -> assertThat(gap).contains("'auth0'").contains("no VendorProvider"));
    }

    @Test
    void everyFixtureUsesASupportedTypeAndGivesAReasonForWhatItSkips() {
        for (VendorFixture<?> fixture : VendorFixtures.ALL) {
            var kind = fixture.desired("x", "uid", null).kind();
            assertThat(REGISTRY.provider(fixture.vendor()).orElseThrow().supportedKinds())
                    .as("%s supports the fixture's type", fixture.vendor()).contains(kind);
            fixture.unsupported().forEach((scenario, why) ->
                    assertThat(why).as("%s: reason for skipping %s", fixture.vendor(), scenario).isNotBlank());
            fixture.secretReturnedOnRead().ifPresent(why -> assertThat(why).isNotBlank());
        }
    }
}
