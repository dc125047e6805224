package dev.federator.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which registered vendors lack a contract fixture, and which fixtures name no registered vendor. */
final class ContractCoverage {
    private ContractCoverage() {}

    static List<String> gaps(Set<String> registered, Collection<? extends VendorFixture<?>> fixtures) {
        Set<String> covered = new TreeSet<>();
        fixtures.forEach(f -> covered.add(f.vendor()));
        List<String> gaps = new ArrayList<>();
        for (String vendor : new TreeSet<>(registered)) {
            if (!covered.contains(vendor)) {
                gaps.add(missingFixture(vendor));
            }
        }
        for (String vendor : covered) {
            if (!registered.contains(vendor)) {
                gaps.add("a contract fixture exists for '" + vendor + "', but no VendorProvider registers that name "
                        + "in META-INF/services/dev.federator.provider.spi.VendorProvider");
            }
        }
        return gaps;
    }

    static String missingFixture(String vendor) {
        return "vendor '" + vendor + "' is registered (META-INF/services/dev.federator.provider.spi.VendorProvider) but "
                + "has no contract fixture: add a VendorFixture for it in src/test/java/dev/federator/contract/ (how "
                + "to start its simulator, a platform account, an enabled connection of a type it supports with a "
                + "secret, the one field to update, where the simulator keeps the connection, its secret and its "
                + "enabled state, and every Scenario it cannot run with the reason) and list it in VendorFixtures.ALL";
    }
}
