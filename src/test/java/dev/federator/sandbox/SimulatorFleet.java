package dev.federator.sandbox;

import dev.federator.sim.ezto.EztoSimulator;
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

    /** The workspace and API token of samples/ezto. */
    public static final String EZTO_WORKSPACE = "corp";
    public static final String EZTO_TOKEN = "change-me-ezto-api-token";

    private final KeycloakSimulator keycloak;
    private final EztoSimulator ezto;

    private SimulatorFleet(KeycloakSimulator keycloak, EztoSimulator ezto) {
        this.keycloak = keycloak;
        this.ezto = ezto;
    }

    public static SimulatorFleet start() {
        KeycloakSimulator keycloak = new KeycloakSimulator();
        keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
        keycloak.start();
        keycloak.createRealm(KEYCLOAK_REALM);
        EztoSimulator ezto = new EztoSimulator().withApiToken(EZTO_TOKEN).createWorkspace(EZTO_WORKSPACE).start();
        return new SimulatorFleet(keycloak, ezto);
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        return switch (vendor) {
            case "keycloak" -> keycloak.baseUrl();
            case "ezto" -> ezto.baseUrl();
            default -> null;
        };
    }

    public KeycloakSimulator keycloak() { return keycloak; }

    public EztoSimulator ezto() { return ezto; }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("keycloak", keycloak.baseUrl());
        urls.put("ezto", ezto.baseUrl());
        return urls;
    }

    @Override
    public void close() {
        try {
            ezto.close();
        } finally {
            keycloak.close();
        }
    }
}
