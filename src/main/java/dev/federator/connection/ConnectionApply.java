package dev.federator.connection;

import dev.federator.serviceprovider.ServiceProviderValues;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vendor work of a pass that was admitted: reads the Secrets into the desired state, lets {@link ConnectionSync}
 * compare and write, then records what the result was computed from, so an unchanged connection can be skipped.
 */
@ApplicationScoped
public class ConnectionApply {
    private final DesiredStateBuilder desiredStates;
    private final ConnectionSync sync;
    private final CertificateExpiry certificates;
    private final UnchangedInputs unchanged;

    public ConnectionApply(DesiredStateBuilder desiredStates, ConnectionSync sync, CertificateExpiry certificates,
                           UnchangedInputs unchanged) {
        this.desiredStates = desiredStates;
        this.sync = sync;
        this.certificates = certificates;
        this.unchanged = unchanged;
    }

    void apply(ConnectionPass pass, ResolvedPlatform platform, VendorClientCache.Entry entry) {
        IdentityConnection connection = pass.connection();
        IdentityConnectionStatus status = pass.status();
        Map<String, String> secretVersions = new TreeMap<>();
        sync.sync(connection, status, platform, entry.client(), desiredStates.build(connection, platform, secretVersions),
                ConnectionSync.steady(connection, pass.before()), pass::persistNow);
        certificates.evaluate(connection, status);
        status.serviceProvider = ServiceProviderValues.of(platform, connection);
        status.inputsDigest = Conditions.isTrue(status.conditions, Conditions.READY)
                ? unchanged.digest(connection, platform, secretVersions) : null;
    }
}
