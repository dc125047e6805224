package dev.federator.sandbox;

import dev.federator.sim.ezto.EztoSimulator;
import dev.federator.sim.keycloak.KeycloakSimulator;
import dev.federator.sim.slashid.SlashIdSimulator;
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

    /** The organization and API key of samples/slashid. */
    public static final String SLASHID_ORG = "b6a2d3e4-5f60-4a71-8c92-0d1e2f3a4b5c";
    public static final String SLASHID_API_KEY = "sid-api-key-change-me";

    private final KeycloakSimulator keycloak;
    private final EztoSimulator ezto;
    private final SlashIdSimulator slashid;

    private SimulatorFleet(KeycloakSimulator keycloak, EztoSimulator ezto, SlashIdSimulator slashid) {
        this.keycloak = keycloak;
        this.ezto = ezto;
        this.slashid = slashid;
    }

    public static SimulatorFleet start() {
        KeycloakSimulator keycloak = new KeycloakSimulator();
        keycloak.withAuthRealm(KEYCLOAK_REALM).withServiceClient(KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET);
        keycloak.start();
        keycloak.createRealm(KEYCLOAK_REALM);
        EztoSimulator ezto = new EztoSimulator().withApiToken(EZTO_TOKEN).createWorkspace(EZTO_WORKSPACE).start();
        SlashIdSimulator slashid = new SlashIdSimulator(SLASHID_ORG, SLASHID_API_KEY).start();
        return new SimulatorFleet(keycloak, ezto, slashid);
    }

    /** The simulator URL for a platform's vendor block, or null for a vendor without a simulator. */
    public String url(String vendor) {
        return switch (vendor) {
            case "keycloak" -> keycloak.baseUrl();
            case "ezto" -> ezto.baseUrl();
            case "slashid" -> slashid.baseUrl();
            default -> null;
        };
    }

    public KeycloakSimulator keycloak() { return keycloak; }

    public EztoSimulator ezto() { return ezto; }
    public SlashIdSimulator slashid() { return slashid; }

    public Map<String, String> describe() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("keycloak", keycloak.baseUrl());
        urls.put("ezto", ezto.baseUrl());
        urls.put("slashid", slashid.baseUrl());
        return urls;
    }

    @Override
    public void close() {
        try {
            ezto.close();
            slashid.close();
        } finally {
            keycloak.close();
        }
    }
}
