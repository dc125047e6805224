package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.RemoteConnection;
import dev.federator.serviceprovider.ServiceProviderConfigMaps;
import dev.federator.serviceprovider.ServiceProviderValues;
import dev.federator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vendor work of a pass that was admitted: reads the Secrets into the desired state, lets {@link ConnectionSync}
 * compare and write, then records what the result was computed from, so an unchanged connection can be skipped, and
 * the values the IdP's administrator needs (status.serviceProvider and, when asked for, its ConfigMap).
 */
@ApplicationScoped
public class ConnectionApply {
    private final DesiredStateBuilder desiredStates;
    private final ConnectionSync sync;
    private final CertificateExpiry certificates;
    private final UnchangedInputs unchanged;
    private final ServiceProviderConfigMaps configMaps;

    public ConnectionApply(DesiredStateBuilder desiredStates, ConnectionSync sync, CertificateExpiry certificates,
                           UnchangedInputs unchanged, ServiceProviderConfigMaps configMaps) {
        this.desiredStates = desiredStates;
        this.sync = sync;
        this.certificates = certificates;
        this.unchanged = unchanged;
        this.configMaps = configMaps;
    }

    void apply(ConnectionPass pass, ResolvedPlatform platform, VendorClientCache.Entry entry) {
        IdentityConnection connection = pass.connection();
        IdentityConnectionStatus status = pass.status();
        Map<String, String> secretVersions = new TreeMap<>();
        DesiredConnection desired = desiredStates.build(connection, platform, secretVersions);
        RemoteConnection remote = sync.sync(connection, status, platform, entry.client(), desired,
                ConnectionSync.steady(connection, pass.before()), pass::persistNow);
        certificates.evaluate(connection, status);
        if (remote != null) {
            // Without a connection of ours on the vendor (a refused create, one that is not ours) the values stay as
            // the last pass that had one found them.
            status.serviceProvider = ServiceProviderValues.of(entry.client(), desired, remote);
        }
        status.inputsDigest = Conditions.isTrue(status.conditions, Conditions.READY)
                ? unchanged.digest(connection, platform, secretVersions) : null;
        configMaps.publish(pass.context().getClient(), connection, status.serviceProvider);
    }
}
