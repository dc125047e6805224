package dev.federator.e2e;

import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.ezto.EztoSimulator;
import java.util.Map;
import java.util.UUID;

/** The scenarios' view of the ezto simulator: a realm is an ezto workspace, the credential a static API token. */
final class SimulatedEzto extends SimulatedBackend {
    private final EztoSimulator sim;
    private final String pathTemplate;

    /** @param pathTemplate what the platform sets as spec.ezto.pathTemplate; null to rely on the default */
    SimulatedEzto(EztoSimulator sim, String pathTemplate) {
        super(sim);
        this.sim = sim;
        this.pathTemplate = pathTemplate;
    }

    @Override public String url() { return sim.baseUrl(); }

    @Override
    public IdentityPlatform platform(String ns, String name, String realm, String credentialsSecret) {
        return Manifests.eztoPlatform(ns, name, url(), realm, credentialsSecret, pathTemplate);
    }

    @Override
    public String newRealm() {
        String workspace = "w-" + UUID.randomUUID().toString().substring(0, 8);
        sim.createWorkspace(workspace);
        return workspace;
    }

    @Override
    public Map<String, String> credentials() { return Map.of("token", SimulatorFleet.EZTO_TOKEN); }

    /** ezto has no auth realm: the token is issued for the workspace. */
    @Override public String authRealm() { return null; }
}
