package dev.federator.sandbox;

import dev.federator.sim.devrev.DevRevSimulator;
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
    /** The token in samples/devrev's Secret. */
    public static final String DEVREV_TOKEN = "change-me";

    private final KeycloakSimulator keycloak;
    private final DevRevSimulator devrev;

    private SimulatorFleet(KeycloakSimulator keycloak, DevRevSimulator devrev) {
        this.keycloak = keycloak;
        this.devrev = devrev;
    }

    public static SimulatorFleet start() {
        KeycloakSimulator keycloak = new KeycloakSimulator();
        keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
        keycloak.start();
        keycloak.createRealm(KEYCLOAK_REALM);
        DevRevSimulator devrev = new DevRevSimulator().withToken(DEVREV_TOKEN).start();
        return new SimulatorFleet(keycloak, devrev);
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        return switch (vendor) {
            case "keycloak" -> keycloak.baseUrl();
            case "devrev" -> devrev.baseUrl();
            default -> null;
        };
    }

    public KeycloakSimulator keycloak() { return keycloak; }

    public DevRevSimulator devrev() { return devrev; }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("keycloak", keycloak.baseUrl());
        urls.put("devrev", devrev.baseUrl());
        return urls;
    }

    @Override
    public void close() {
        try {
            devrev.close();
        } finally {
            keycloak.close();
        }
    }
}
