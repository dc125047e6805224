package dev.federator.operator;

import dev.federator.platform.VendorRegistry;
import dev.federator.shard.Shard;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** One line at startup that says what is running: version, vendors, where its own Secrets live. */
public class StartupBanner {
    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void onStart(@Observes StartupEvent event, VendorRegistry vendors,
                 @ConfigProperty(name = "quarkus.application.version") String version,
                 @ConfigProperty(name = "federator.namespace") String namespace, Shard shard) {
        LOG.infof("Federator %s starting; vendors: %s; operator namespace: %s; %s", version, vendors.vendors(),
                namespace, shard);
    }
}
