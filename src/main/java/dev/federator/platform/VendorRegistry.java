package dev.federator.platform;

import dev.federator.provider.spi.VendorProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every vendor adapter on the class path, by the name of its block on a platform. */
@ApplicationScoped
public class VendorRegistry {
    private final Map<String, VendorProvider> providers = new TreeMap<>();

    public VendorRegistry() {
        ServiceLoader.load(VendorProvider.class, VendorProvider.class.getClassLoader())
                .forEach(p -> providers.put(p.vendor(), p));
    }

    public Optional<VendorProvider> provider(String vendor) { return Optional.ofNullable(providers.get(vendor)); }

    public java.util.Set<String> vendors() { return providers.keySet(); }
}
