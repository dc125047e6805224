package dev.federator.sandbox;

import dev.federator.sim.RateLimit;
import dev.federator.sim.keycloak.KeycloakSimulator;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
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
    /** The organization, verified domain and API credentials of samples/loginradius. */
    public static final String LOGINRADIUS_ORGANIZATION = "6f1c2a9e4b7d8c0e5a3f1b2c";
    public static final String LOGINRADIUS_DOMAIN = "corp.example.com";
    public static final String LOGINRADIUS_API_KEY = "change-me-api-key";
    public static final String LOGINRADIUS_API_SECRET = "change-me-api-secret";

    private final KeycloakSimulator keycloak;
    private final LoginRadiusSimulator loginradius;

    private SimulatorFleet(KeycloakSimulator keycloak, LoginRadiusSimulator loginradius) {
        this.keycloak = keycloak;
        this.loginradius = loginradius;
    }

    public static SimulatorFleet start() {
        KeycloakSimulator keycloak = new KeycloakSimulator();
        keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
        keycloak.start();
        keycloak.createRealm(KEYCLOAK_REALM);
        LoginRadiusSimulator loginradius = new LoginRadiusSimulator()
                .withCredentials(LOGINRADIUS_API_KEY, LOGINRADIUS_API_SECRET)
                .withOrganization(LOGINRADIUS_ORGANIZATION, LOGINRADIUS_DOMAIN)
                .withRateLimit(RateLimit.of(50, 50)) // LoginRadius' default plan
                .start();
        return new SimulatorFleet(keycloak, loginradius);
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        return switch (vendor) {
            case "keycloak" -> keycloak.baseUrl();
            case "loginradius" -> loginradius.baseUrl();
            default -> null;
        };
    }

    public KeycloakSimulator keycloak() { return keycloak; }

    public LoginRadiusSimulator loginradius() { return loginradius; }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("keycloak", keycloak.baseUrl());
        urls.put("loginradius", loginradius.baseUrl());
        return urls;
    }

    @Override
    public void close() {
        keycloak.close();
        loginradius.close();
    }
}
