package dev.federator.contract;

import java.util.List;
import java.util.Optional;

/** The contract fixture of every vendor; a vendor registered without one fails {@link VendorContractTest}. */
public final class VendorFixtures {
    static final List<VendorFixture<?>> ALL = List.of(new KeycloakFixture(), new EztoFixture(), new Auth0Fixture(),
            new DevRevFixture(), new SlashIdFixture(), new LoginRadiusFixture());

    private VendorFixtures() {}

    public static Optional<VendorFixture<?>> forVendor(String vendor) {
        return ALL.stream().filter(f -> f.vendor().equals(vendor)).findFirst();
    }
}
