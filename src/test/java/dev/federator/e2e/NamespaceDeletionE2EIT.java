package dev.federator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.DeletionPolicy;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.PlatformRef;
import dev.federator.sandbox.SandboxEnvironment;
import dev.federator.sandbox.SandboxPerClass;
import dev.federator.sim.keycloak.KeycloakSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A namespace deletion as the namespace controller does it: every object goes in one sweep, in no particular order.
 * The mock API server does not cascade, so the test deletes each object itself, in random orders (the seed is printed;
 * -Dfederator.deletion.seed=N replays one), and expects every finalizer to clear on its own, with the vendor asked to
 * delete exactly what deletionPolicy says.
 *
 * <p>Each namespace holds a reachable platform with connections created on the vendor (deletionPolicy Delete and
 * Orphan), one whose client Secret never existed and one naming a platform that never existed (neither reached the
 * vendor), plus a platform whose host is wrong, with a connection that never reached it either.
 */
class NamespaceDeletionE2EIT {
    private static final int ROUNDS = 4;
    @RegisterExtension
    static final SandboxPerClass SANDBOX = new SandboxPerClass("namespace-deletion", Map.of());
    private static SandboxEnvironment env;
    private static SimulatedKeycloak keycloak;
    private static KeycloakSimulator sim;

    @BeforeAll
    static void start() {
        env = SANDBOX.env();
        sim = env.simulators().keycloak();
        keycloak = new SimulatedKeycloak(sim);
    }

    @Test
    void everyObjectDeletedInAnyOrderLeavesNoFinalizerAndDeletesWhatDeletionPolicySays() {
        long seed = Long.getLong("federator.deletion.seed", System.nanoTime());
        System.out.println("NamespaceDeletionE2EIT seed: " + seed + " (replay with -Dfederator.deletion.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            String ns = env.newNamespace();
            String realm = keycloak.newRealm();
            List<HasMetadata> objects = populate(ns, realm);
            Collections.shuffle(objects, random);
            List<String> order = objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
            System.out.println("round " + round + " in " + ns + " deletes " + order);
            sim.calls().reset();

            objects.forEach(o -> env.client().resource(o).delete());

            Awaitility.await("every object of " + ns + " gone, deleting " + order).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(remaining(ns)).isEmpty());
            assertThat(aliases(realm)).as("deletionPolicy Orphan leaves only 'kept' on the vendor, order " + order)
                    .containsExactly("kept");
            assertThat(sim.calls().count(c -> c.method().equals("DELETE")))
                    .as("one vendor delete per connection with deletionPolicy Delete, order " + order).isEqualTo(2);
        }
    }

    /**
     * The README's recovery for an uninstall that removed the operator first: everything stays Terminating, held by
     * finalizers, and an operator started again finishes the deletions as if it had never been away.
     */
    @Test
    void deletedWhileTheOperatorIsGoneAndFinishedWhenItIsBack() {
        String ns = env.newNamespace();
        String realm = keycloak.newRealm();
        List<HasMetadata> resources = populate(ns, realm).stream().filter(o -> !(o instanceof Secret)).toList();
        sim.calls().reset();
        env.operator().kill();

        resources.forEach(o -> env.client().resource(o).delete());
        assertThat(remaining(ns).stream().filter(o -> !o.startsWith("Secret/")))
                .as("held by their finalizers while no operator runs").hasSize(resources.size());
        assertThat(sim.calls().count(c -> c.method().equals("DELETE"))).isZero();

        SANDBOX.restartOperator();
        Awaitility.await("every resource of " + ns + " gone").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(remaining(ns).stream()
                        .filter(o -> !o.startsWith("Secret/"))).isEmpty());
        assertThat(aliases(realm)).containsExactly("kept");
        assertThat(sim.calls().count(c -> c.method().equals("DELETE"))).isEqualTo(2);
    }

    /**
     * A connection that reached the vendor keeps its finalizer while the vendor refuses the delete, and its Ready
     * condition gives the command that ends it; that very command, run as given, lets it go and leaves the remote.
     */
    @Test
    void aBlockedDeleteSaysHowToForceItAndTheCommandWorks() {
        String ns = env.newNamespace();
        String realm = keycloak.newRealm();
        env.client().resource(Manifests.secret(ns, "kc-credentials", keycloak.credentials())).create();
        env.client().resource(Manifests.keycloakPlatform(ns, "kc", keycloak, realm, "kc-credentials")).create();
        env.client().resource(Manifests.secret(ns, "stuck-client", Map.of("client-secret", "secret-stuck"))).create();
        env.client().resource(Manifests.oidc(ns, "stuck", "kc", "stuck-client")).create();
        Awaitility.await("stuck Ready").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ConnectionProbe.ready(env.client(), ns, "stuck")).isEqualTo("True/InSync"));
        sim.faults().onlyFor(route -> route.startsWith("DELETE ")).failNext(10_000, 503);
        try {
            var connection = env.client().resources(IdentityConnection.class).inNamespace(ns).withName("stuck");
            connection.delete();
            String[] message = new String[1];
            Awaitility.await("DeleteFailed with a hint").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var ready = connection.get().getStatus().conditions.stream()
                        .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
                assertThat(ready.getReason()).isEqualTo("DeleteFailed");
                message[0] = ready.getMessage();
            });
            var command = java.util.regex.Pattern.compile(
                    "kubectl patch identityconnection stuck -n " + ns + " --type merge -p '([^']*)'").matcher(message[0]);
            assertThat(command.find()).as(message[0]).isTrue();
            connection.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), command.group(1));
            Awaitility.await("released after the patch").atMost(Duration.ofSeconds(30)).until(() -> connection.get() == null);
            assertThat(aliases(realm)).containsExactly("stuck");
        } finally {
            // Whatever happened, nothing of this test may reach the vendor during the next one.
            sim.faults().clear();
            Awaitility.await("stuck gone").atMost(Duration.ofSeconds(60)).until(() -> env.client()
                    .resources(IdentityConnection.class).inNamespace(ns).withName("stuck").get() == null);
        }
    }

    /** Creates the namespace's objects and waits until each connection has reached its steady state. */
    private List<HasMetadata> populate(String ns, String realm) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(create(Manifests.secret(ns, "kc-credentials", keycloak.credentials())));
        objects.add(create(Manifests.keycloakPlatform(ns, "kc", keycloak, realm, "kc-credentials")));
        objects.add(create(Manifests.secret(ns, "down-credentials", keycloak.credentials())));
        IdentityPlatform down = Manifests.keycloakPlatform(ns, "down", keycloak, realm, "down-credentials");
        down.getSpec().keycloak.url = "http://127.0.0.1:1"; // nothing listens: a typo in the host, as seen by us
        objects.add(create(down));

        for (String name : List.of("made-1", "made-2", "kept", "unreached")) {
            objects.add(create(Manifests.secret(ns, name + "-client", Map.of("client-secret", "secret-" + name))));
        }
        objects.add(create(Manifests.oidc(ns, "made-1", "kc", "made-1-client")));
        objects.add(create(Manifests.oidc(ns, "made-2", "kc", "made-2-client")));
        IdentityConnection kept = Manifests.oidc(ns, "kept", "kc", "kept-client");
        kept.getSpec().deletionPolicy = DeletionPolicy.Orphan;
        objects.add(create(kept));
        objects.add(create(Manifests.oidc(ns, "no-secret", "kc", "no-secret-client")));
        IdentityConnection ghost = Manifests.oidc(ns, "ghost", "kc", "made-1-client");
        ghost.getSpec().platformRef = new PlatformRef(PlatformRef.Kind.IdentityPlatform, "kc-typo");
        objects.add(create(ghost));
        objects.add(create(Manifests.oidc(ns, "unreached", "down", "unreached-client")));

        Map<String, String> expected = Map.of("made-1", "True/InSync", "made-2", "True/InSync",
                "kept", "True/InSync", "no-secret", "False/SecretNotFound", "ghost", "False/PlatformNotFound",
                "unreached", "False/VendorUnreachable");
        expected.forEach((name, reason) -> Awaitility.await(name + " " + reason).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(ConnectionProbe.ready(env.client(), ns, name)).isEqualTo(reason)));
        assertThat(aliases(realm)).containsExactlyInAnyOrder("made-1", "made-2", "kept");
        return objects;
    }

    private static HasMetadata create(HasMetadata object) { return env.client().resource(object).create(); }

    private static List<String> aliases(String realm) {
        return sim.identityProviders(realm).stream().map(idp -> idp.path("alias").asText()).sorted().toList();
    }

    /** What is left in the namespace, with the finalizers that hold it. */
    private static List<String> remaining(String ns) {
        List<String> left = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : List.of(IdentityConnection.class, IdentityPlatform.class, Secret.class)) {
            env.client().resources(kind).inNamespace(ns).list().getItems().forEach(o -> left.add(o.getKind() + "/"
                    + o.getMetadata().getName() + " " + o.getMetadata().getFinalizers()));
        }
        return left;
    }
}
