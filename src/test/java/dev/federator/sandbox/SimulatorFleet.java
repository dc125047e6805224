package dev.federator.sandbox;

import dev.federator.sim.auth0.Auth0Simulator;
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

    /** The tenant and machine-to-machine application of samples/auth0. */
    public static final String AUTH0_DOMAIN = "corp.eu.auth0.com";
    public static final String AUTH0_CLIENT_ID = "5mOI1uVh0wKp3xTzQeXb8NcR2aLd7YfG";
    public static final String AUTH0_CLIENT_SECRET = "change-me";

    private final KeycloakSimulator keycloak;
    private final EztoSimulator ezto;
    private final Auth0Simulator auth0;

    private SimulatorFleet(KeycloakSimulator keycloak, EztoSimulator ezto, Auth0Simulator auth0) {
        this.keycloak = keycloak;
        this.ezto = ezto;
        this.auth0 = auth0;
    }

    public static SimulatorFleet start() {
        KeycloakSimulator keycloak = new KeycloakSimulator();
        keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
        keycloak.start();
        keycloak.createRealm(KEYCLOAK_REALM);
        EztoSimulator ezto = new EztoSimulator().withApiToken(EZTO_TOKEN).createWorkspace(EZTO_WORKSPACE).start();
        Auth0Simulator auth0 = new Auth0Simulator(AUTH0_DOMAIN)
                .withClient(AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, Auth0Simulator.ALL_SCOPES).start();
        return new SimulatorFleet(keycloak, ezto, auth0);
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        return switch (vendor) {
            case "keycloak" -> keycloak.baseUrl();
            case "ezto" -> ezto.baseUrl();
            case "auth0" -> auth0.baseUrl();
            default -> null;
        };
    }

    public KeycloakSimulator keycloak() { return keycloak; }

    public EztoSimulator ezto() { return ezto; }

    public Auth0Simulator auth0() { return auth0; }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("keycloak", keycloak.baseUrl());
        urls.put("ezto", ezto.baseUrl());
        urls.put("auth0", auth0.baseUrl());
        return urls;
    }

    @Override
    public void close() {
        try {
            auth0.close();
            ezto.close();
        } finally {
            keycloak.close();
        }
    }
}
