package dev.federator.sandbox;

import dev.federator.sim.keycloak.KeycloakSimulator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One running simulator per vendor, set up with the accounts and credentials the samples use, so that the samples
 * work unchanged against them.
 */
public final class SimulatorFleet implements AutoCloseable {
    /** The realm and service-account client of samples/keycloak. */
    public static final String KEYCLOAK_REALM = "corp";
    public static final String KEYCLOAK_CLIENT_ID = "federator";
    public static final String KEYCLOAK_CLIENT_SECRET = "change-me";

    private final KeycloakSimulator keycloak;

    private SimulatorFleet(KeycloakSimulator keycloak) { this.keycloak = keycloak; }

    public static SimulatorFleet start() {
        KeycloakSimulator keycloak = new KeycloakSimulator();
        keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
        keycloak.start();
        keycloak.createRealm(KEYCLOAK_REALM);
        return new SimulatorFleet(keycloak);
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        return switch (vendor) {
            case "keycloak" -> keycloak.baseUrl();
            default -> null;
        };
    }

    public KeycloakSimulator keycloak() { return keycloak; }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("keycloak", keycloak.baseUrl());
        return urls;
    }

    @Override
    public void close() { keycloak.close(); }
}
