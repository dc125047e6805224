package dev.federator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.CallLog;
import dev.federator.sim.SimulatorServer;
import dev.federator.sim.auth0.Auth0Simulator;
import dev.federator.sim.devrev.DevRevSimulator;
import dev.federator.sim.keycloak.IdentityProviderAccess;
import dev.federator.sim.loginradius.LoginRadiusSimulator;
import dev.federator.sim.slashid.SlashIdSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * One vendor as the fault suite sees it: how to declare its platform and connections, and how to read what its
 * simulator holds, out of band. Connections are named {@code PREFIX-i}; each carries a distinguishing value (a client
 * id, an entity id, a metadata URL) derived from its name, and where the vendor stores a secret, {@code secret-NAME}.
 */
public abstract class FaultVendor {
    static final String PLATFORM = "p";

    final String vendor;
    final int connections;
    final SimulatorServer<?> simulator;
    /**
     * Vendor calls of one undisturbed pass that creates a connection (reads that look for it, the create, the
     * follow-up writes the vendor needs, a token when the adapter fetches one): the unit of the calls bound.
     */
    final int callsPerPass;
    final Predicate<CallLog.Call> createRoute;
    private final Map<String, String> credentials;
    /** The platform {@value #PLATFORM} in a namespace, reading the Secret {@code credentials}. */
    private final Function<String, IdentityPlatform> platform;

    FaultVendor(String vendor, int connections, SimulatorServer<?> simulator, int callsPerPass,
                Predicate<CallLog.Call> createRoute, Map<String, String> credentials,
                Function<String, IdentityPlatform> platform) {
        this.vendor = vendor;
        this.connections = connections;
        this.simulator = simulator;
        this.callsPerPass = callsPerPass;
        this.createRoute = createRoute;
        this.credentials = credentials;
        this.platform = platform;
    }

    List<String> names() { return IntStream.range(0, connections).mapToObj(i -> vendor + "-" + i).toList(); }

    /** Creates the platform {@value #PLATFORM} and its credentials Secret in {@code ns}, without drift checks. */
    void platform(KubernetesClient kube, String ns) {
        kube.resource(Manifests.secret(ns, "credentials", credentials)).create();
        kube.resource(slow(platform.apply(ns))).create();
    }

    /** Creates the connection and the Secrets it references. */
    abstract void declare(KubernetesClient kube, String ns, String name);

    /** Everything the vendor holds, as stored (write-only fields included where the simulator keeps them). */
    abstract List<JsonNode> held();

    /** The connection a stored object belongs to. */
    abstract String nameOf(JsonNode stored);

    abstract String declaredValue(String name);

    abstract String heldValue(JsonNode stored);

    /** The secret the vendor stores for the connection, or empty where it stores none (SAML). */
    abstract Optional<String> storedSecret(String name, JsonNode stored);

    /** Answers that mean the vendor applied a create: a 2xx, or SlashID's 408 that lands later. */
    boolean appliedCreate(CallLog.Call call) { return createRoute.test(call) && call.status() / 100 == 2; }

    /** Arms vendor-specific faults beyond the common mix; returns how many. */
    int armSpecialFaults() { return 0; }

    /** Vendor-specific faults that were hit. */
    int specialFaultsHit() { return 0; }

    static String secretOf(String name) { return "secret-" + name; }

    static Map<String, String> clientSecret(String name) { return Map.of("client-secret", secretOf(name)); }

    static IdentityPlatform slow(IdentityPlatform platform) {
        // No drift checks during the test: every call counted is caused by a create or by a fault.
        platform.getSpec().syncInterval = "10m";
        return platform;
    }

    /** The vendors the fault suite covers: what the adding-a-vendor checklist looks for. */
    public static List<String> vendors(SimulatorFleet fleet) { return all(fleet).stream().map(v -> v.vendor).toList(); }

    static List<FaultVendor> all(SimulatorFleet fleet) {
        return List.of(keycloakLike("keycloak", new SimulatedKeycloak(fleet.keycloak()), fleet.keycloak(),
                        fleet.keycloak()::identityProviders, 4),
                keycloakLike("ezto", new SimulatedEzto(fleet.ezto(), null), fleet.ezto(),
                        fleet.ezto()::identityProviders, 3),
                auth0(fleet.auth0()), devrev(fleet.devrev()), loginRadius(fleet.loginradius()),
                slashId(fleet.slashid()));
    }

    /** Keycloak, and ezto on its Keycloak-shaped API: OIDC identity providers keyed by alias in one realm. */
    private static FaultVendor keycloakLike(String vendor, KeycloakBackend backend, SimulatorServer<?> sim,
                                            Function<String, List<ObjectNode>> list, int callsPerPass) {
        IdentityProviderAccess access = (IdentityProviderAccess) sim;
        String realm = backend.newRealm();
        // token (Keycloak only), read by alias, create, read back
        return new FaultVendor(vendor, 8, sim, callsPerPass,
                c -> c.method().equals("POST") && c.route().endsWith("/identity-provider/instances"),
                backend.credentials(), ns -> backend.platform(ns, PLATFORM, realm, "credentials")) {
            @Override
            void declare(KubernetesClient kube, String ns, String name) {
                kube.resource(Manifests.secret(ns, name + "-client", clientSecret(name))).create();
                kube.resource(Manifests.oidc(ns, name, PLATFORM, name + "-client")).create();
            }

            @Override
            List<JsonNode> held() { return List.copyOf(list.apply(realm)); }

            @Override String nameOf(JsonNode stored) { return stored.path("alias").asText(); }

            @Override String declaredValue(String name) { return "client-" + name; }

            @Override String heldValue(JsonNode stored) { return stored.path("config").path("clientId").asText(); }

            @Override
            Optional<String> storedSecret(String name, JsonNode stored) { return access.storedSecret(realm, name); }
        };
    }

    private static FaultVendor auth0(Auth0Simulator sim) {
        // token, read by name, create
        return new FaultVendor("auth0", 8, sim, 3, c -> c.route().equals("POST /api/v2/connections"),
                Map.of("client-id", SimulatorFleet.AUTH0_CLIENT_ID, "client-secret", SimulatorFleet.AUTH0_CLIENT_SECRET),
                ns -> Manifests.auth0Platform(ns, PLATFORM, sim.baseUrl(), "credentials")) {
            @Override
            void declare(KubernetesClient kube, String ns, String name) {
                kube.resource(Manifests.secret(ns, name + "-client", clientSecret(name))).create();
                kube.resource(Manifests.oidc(ns, name, PLATFORM, name + "-client")).create();
            }

            @Override List<JsonNode> held() { return List.copyOf(sim.connections()); }

            @Override String nameOf(JsonNode stored) { return stored.path("name").asText(); }

            @Override String declaredValue(String name) { return "client-" + name; }

            @Override String heldValue(JsonNode stored) { return stored.path("options").path("client_id").asText(); }

            @Override
            Optional<String> storedSecret(String name, JsonNode stored) {
                return Optional.of(stored.path("options").path("client_secret").asText());
            }
        };
    }

    private static FaultVendor devrev(DevRevSimulator sim) {
        // The org allows five enterprise connections: all of them. A pass: list to find, list to count, create, toggle.
        return new FaultVendor("devrev", 5, sim, 4, c -> c.route().equals(DevRevSimulator.CREATE),
                Map.of("token", SimulatorFleet.DEVREV_TOKEN),
                ns -> Manifests.devrevPlatform(ns, PLATFORM, sim.baseUrl(), "credentials")) {
            @Override
            void declare(KubernetesClient kube, String ns, String name) {
                kube.resource(Manifests.secret(ns, name + "-client", clientSecret(name))).create();
                kube.resource(Manifests.issuerOidc(ns, name, PLATFORM, name + "-client")).create();
            }

            @Override
            List<JsonNode> held() {
                return sim.connections().stream().filter(c -> !c.path("type").asText().equals("social"))
                        .map(JsonNode.class::cast).toList();
            }

            @Override
            String nameOf(JsonNode stored) { return stored.path("display_name").asText().replaceFirst("^Partner ", ""); }

            @Override String declaredValue(String name) { return "client-" + name + "/enabled"; }

            /** The client id, and whether the connection was enabled after its disabled create. */
            @Override
            String heldValue(JsonNode stored) {
                return stored.path("client_id").asText() + (stored.path("enabled").asBoolean() ? "/enabled" : "/disabled");
            }

            @Override
            Optional<String> storedSecret(String name, JsonNode stored) {
                return Optional.of(stored.path("client_secret").asText());
            }
        };
    }

    private static FaultVendor loginRadius(LoginRadiusSimulator sim) {
        String org = SimulatorFleet.LOGINRADIUS_ORGANIZATION;
        String certificate = pem("/loginradius/idp-1.crt");
        // list to find, create
        return new FaultVendor("loginradius", 8, sim, 2,
                c -> c.route().equals("POST /v2/manage/organizations/:orgId/connections"),
                Map.of("api-key", SimulatorFleet.LOGINRADIUS_API_KEY, "api-secret", SimulatorFleet.LOGINRADIUS_API_SECRET),
                ns -> Manifests.loginRadiusPlatform(ns, PLATFORM, sim.baseUrl(), "credentials")) {
            @Override
            void declare(KubernetesClient kube, String ns, String name) {
                kube.resource(Manifests.secret(ns, name + "-cert", Map.of("tls.crt", certificate))).create();
                kube.resource(Manifests.loginRadiusSaml(ns, name, PLATFORM, SimulatorFleet.LOGINRADIUS_DOMAIN,
                        name + "-cert")).create();
            }

            @Override List<JsonNode> held() { return List.copyOf(sim.connections(org)); }

            @Override String nameOf(JsonNode stored) { return stored.path("Name").asText(); }

            @Override String declaredValue(String name) { return "http://idp.example.com/" + name; }

            @Override String heldValue(JsonNode stored) { return stored.path("IDPEntityId").asText(); }

            @Override Optional<String> storedSecret(String name, JsonNode stored) { return Optional.empty(); }
        };
    }

    /** Even connections are SAML (server ids: a blind retry would duplicate them), odd ones GitHub OIDC. */
    private static FaultVendor slashId(SlashIdSimulator sim) {
        int delayed408 = 2;
        // list (SAML) or read (OIDC) to find, create, list or read to learn the id
        return new FaultVendor("slashid", 8, sim, 3, c -> c.method().equals("POST")
                && (c.route().endsWith(SlashIdSimulator.OIDC) || c.route().endsWith(SlashIdSimulator.SAML)),
                Map.of("api-key", SimulatorFleet.SLASHID_API_KEY),
                ns -> Manifests.slashIdPlatform(ns, PLATFORM, sim.baseUrl(), "credentials")) {
            private boolean saml(String name) { return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)) % 2 == 0; }

            @Override
            void declare(KubernetesClient kube, String ns, String name) {
                if (saml(name)) {
                    kube.resource(Manifests.metadataSaml(ns, name, PLATFORM, declaredValue(name))).create();
                } else {
                    kube.resource(Manifests.secret(ns, name + "-client", clientSecret(name))).create();
                    kube.resource(Manifests.slashIdGithub(ns, name, PLATFORM, declaredValue(name), name + "-client"))
                            .create();
                }
            }

            @Override
            List<JsonNode> held() {
                List<JsonNode> all = new ArrayList<>(sim.samlCredentials().values());
                all.addAll(sim.oidcCredentials().values());
                return all;
            }

            @Override String nameOf(JsonNode stored) { return stored.path("label").asText().replaceFirst("^Display ", ""); }

            @Override
            String declaredValue(String name) {
                return saml(name) ? "https://idp.example.com/" + name + "/metadata" : "Iv1." + name;
            }

            @Override
            String heldValue(JsonNode stored) {
                return stored.has("idp_metadata_url") ? stored.path("idp_metadata_url").asText()
                        : stored.path("client_id").asText();
            }

            @Override
            Optional<String> storedSecret(String name, JsonNode stored) {
                return saml(name) ? Optional.empty() : sim.clientSecret(stored.path("client_id").asText());
            }

            @Override
            boolean appliedCreate(CallLog.Call call) {
                return createRoute.test(call) && (call.status() / 100 == 2 || call.status() == 408);
            }

            /** The first writes are answered 408 (consistency not reached) and applied 3 s later. */
            @Override
            int armSpecialFaults() {
                sim.timeoutNextWrites(delayed408, java.time.Duration.ofSeconds(3));
                return delayed408;
            }

            @Override
            int specialFaultsHit() { return sim.calls().count(c -> c.status() == 408); }
        };
    }

    private static String pem(String resource) {
        try (InputStream in = FaultVendor.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() { return vendor; }
}
