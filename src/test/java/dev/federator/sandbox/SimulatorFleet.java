package dev.federator.sandbox;

import dev.federator.sim.RateLimit;
import dev.federator.sim.SimulatorServer;
import dev.federator.sim.auth0.Auth0Simulator;
import dev.federator.sim.devrev.DevRevSimulator;
import dev.federator.sim.ezto.EztoSimulator;
import dev.federator.sim.keycloak.KeycloakSimulator;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
import dev.federator.sim.slashid.SlashIdSimulator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One running simulator per vendor, set up with the accounts and credentials the samples use, so that the samples
 * work unchanged against them. Keyed by the name of the vendor block on a platform.
 */
public final class SimulatorFleet implements AutoCloseable {
    /** The realm and service-account client of samples/keycloak. */
    public static final String KEYCLOAK_REALM = "corp";
    public static final String KEYCLOAK_CLIENT_ID = "federator";
    public static final String KEYCLOAK_CLIENT_SECRET = "change-me";

    /** The workspace and API token of samples/ezto. */
    public static final String EZTO_WORKSPACE = "corp";
    public static final String EZTO_TOKEN = "change-me-ezto-api-token";

    /** The organization and API key of samples/slashid. */
    public static final String SLASHID_ORG = "b6a2d3e4-5f60-4a71-8c92-0d1e2f3a4b5c";
    public static final String SLASHID_API_KEY = "sid-api-key-change-me";

    /** The token in samples/devrev's Secret. */
    public static final String DEVREV_TOKEN = "change-me";

    /** The organization, verified domain and API credentials of samples/loginradius. */
    public static final String LOGINRADIUS_ORGANIZATION = "6f1c2a9e4b7d8c0e5a3f1b2c";
    public static final String LOGINRADIUS_DOMAIN = "corp.example.com";
    public static final String LOGINRADIUS_API_KEY = "change-me-api-key";
    public static final String LOGINRADIUS_API_SECRET = "change-me-api-secret";

    /** The tenant and machine-to-machine application of samples/auth0. */
    public static final String AUTH0_DOMAIN = "corp.eu.auth0.com";
    public static final String AUTH0_CLIENT_ID = "5mOI1uVh0wKp3xTzQeXb8NcR2aLd7YfG";
    public static final String AUTH0_CLIENT_SECRET = "change-me";

    /** Every credential above that is a secret, by constant name: the secret scan looks for each of them. */
    public static final Map<String, String> CREDENTIALS = Map.of(
            "KEYCLOAK_CLIENT_SECRET", KEYCLOAK_CLIENT_SECRET, "EZTO_TOKEN", EZTO_TOKEN,
            "SLASHID_API_KEY", SLASHID_API_KEY, "DEVREV_TOKEN", DEVREV_TOKEN,
            "LOGINRADIUS_API_KEY", LOGINRADIUS_API_KEY, "LOGINRADIUS_API_SECRET", LOGINRADIUS_API_SECRET,
            "AUTH0_CLIENT_SECRET", AUTH0_CLIENT_SECRET);

    private final Map<String, SimulatorServer<?>> byVendor = new LinkedHashMap<>();
    /** The IdP whose metadata the samples' saml.metadataUrl is pointed at. */
    private SandboxIdp idp;

    private SimulatorFleet() {}

    public static SimulatorFleet start() {
        SimulatorFleet fleet = new SimulatorFleet();
        try {
            fleet.idp = new SandboxIdp();
            KeycloakSimulator keycloak = new KeycloakSimulator();
            keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
            fleet.byVendor.put("keycloak", keycloak.start());
            keycloak.createRealm(KEYCLOAK_REALM);
            fleet.byVendor.put("ezto", new EztoSimulator().withApiToken(EZTO_TOKEN).createWorkspace(EZTO_WORKSPACE).start());
            fleet.byVendor.put("slashid", new SlashIdSimulator(SLASHID_ORG, SLASHID_API_KEY).start());
            fleet.byVendor.put("devrev", new DevRevSimulator().withToken(DEVREV_TOKEN).start());
            fleet.byVendor.put("loginradius", new LoginRadiusSimulator()
                    .withCredentials(LOGINRADIUS_API_KEY, LOGINRADIUS_API_SECRET)
                    .withOrganization(LOGINRADIUS_ORGANIZATION, LOGINRADIUS_DOMAIN)
                    .withRateLimit(RateLimit.of(50, 50)) // LoginRadius' default plan
                    .start());
            fleet.byVendor.put("auth0", new Auth0Simulator(AUTH0_DOMAIN)
                    .withClient(AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, Auth0Simulator.ALL_SCOPES).start());
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        SimulatorServer<?> simulator = byVendor.get(vendor);
        return simulator == null ? null : simulator.baseUrl();
    }

    /** The simulator of a platform's vendor block (auth0, keycloak...), e.g. for its call log. */
    public SimulatorServer<?> simulator(String vendor) {
        SimulatorServer<?> simulator = byVendor.get(vendor);
        if (simulator == null) {
            throw new IllegalArgumentException("no simulator for " + vendor + "; have " + byVendor.keySet());
        }
        return simulator;
    }

    public KeycloakSimulator keycloak() { return (KeycloakSimulator) byVendor.get("keycloak"); }

    public EztoSimulator ezto() { return (EztoSimulator) byVendor.get("ezto"); }

    public SlashIdSimulator slashid() { return (SlashIdSimulator) byVendor.get("slashid"); }

    public DevRevSimulator devrev() { return (DevRevSimulator) byVendor.get("devrev"); }

    public LoginRadiusSimulator loginradius() { return (LoginRadiusSimulator) byVendor.get("loginradius"); }

    public Auth0Simulator auth0() { return (Auth0Simulator) byVendor.get("auth0"); }

    public SandboxIdp idp() { return idp; }

    /** The bearer tokens the simulators issued to the operator, expired ones included: secrets like the credentials. */
    public java.util.List<String> issuedTokens() {
        java.util.List<String> issued = new java.util.ArrayList<>(keycloak().issuedTokens());
        issued.addAll(auth0().issuedTokens());
        return issued;
    }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        byVendor.forEach((vendor, simulator) -> urls.put(vendor, simulator.baseUrl()));
        return urls;
    }

    @Override
    public void close() {
        if (idp != null) {
            idp.close();
        }
        byVendor.values().forEach(simulator -> {
            try {
                simulator.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        });
    }
}
