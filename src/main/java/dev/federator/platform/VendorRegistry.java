package dev.federator.platform;

import dev.federator.provider.spi.VendorProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every vendor adapter on the class path, by the name of its block on a platform. ServiceLoader is the one list of
 * vendors in main code: whatever needs their names (which block a platform sets, for one) asks here.
 */
@ApplicationScoped
public class VendorRegistry {
    // Static because the class path does not change at run time, and PlatformAccounts.vendorOf, which the platform
    // controllers' Secret indexers and the resolver call statically, needs the names too.
    private static final Map<String, VendorProvider<?>> INSTALLED = load();

    private static Map<String, VendorProvider<?>> load() {
        Map<String, VendorProvider<?>> providers = new TreeMap<>();
        ServiceLoader.load(VendorProvider.class, VendorProvider.class.getClassLoader())
                .forEach(p -> providers.put(p.vendor(), p));
        return Collections.unmodifiableMap(providers);
    }

    /** The registered vendors' names, sorted. */
    public static Set<String> installed() { return INSTALLED.keySet(); }

    public Optional<VendorProvider<?>> provider(String vendor) { return Optional.ofNullable(INSTALLED.get(vendor)); }

    public Set<String> vendors() { return installed(); }
}
