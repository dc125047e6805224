package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.provider.spi.Reason;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.IdentityPlatform;
import dev.federator.api.v1alpha1.KeycloakPlatformSpec;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.RateLimitSpec;
import dev.federator.e2e.Manifests;
import dev.federator.metrics.ConnectionMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.status.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnchangedInputsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ConnectionMetrics comparisons = new ConnectionMetrics(new SimpleMeterRegistry(), clock);
    private final UnchangedInputs inputs = new UnchangedInputs(clock, "1.2.0", comparisons);
    private final BasicItemStore<Secret> stubs = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    private IdentityConnection connection;
    private ResolvedPlatform platform;
    private IdentityConnectionStatus before;

    @BeforeEach
    void aConnectionSyncedAMinuteAgo() {
        connection = Manifests.oidc("ns", "corp", "kc", "corp-client");
        connection.getMetadata().setUid("c-uid");
        connection.getMetadata().setGeneration(2L);
        platform = platform("10m", "https://sso.example.com");
        stub("corp-client", "41");
        before = new IdentityConnectionStatus();
        before.observedGeneration = 2L;
        before.lastSyncTime = NOW.minusSeconds(60).toString();
        Conditions.set(before.conditions, Conditions.READY, true, Reason.InSync, "in sync", 2L, clock);
        before.inputsDigest = inputs.digest(connection, platform, Map.of("corp-client", "41"));
    }

    private ResolvedPlatform platform(String syncInterval, String url) {
        IdentityPlatform p = new IdentityPlatform();
        p.setMetadata(new ObjectMetaBuilder().withName("kc").withNamespace("ns").withUid("p-uid").withGeneration(5L).build());
        PlatformSpec spec = new PlatformSpec();
        spec.keycloak = new KeycloakPlatformSpec();
        spec.keycloak.url = url;
        spec.keycloak.realm = "corp";
        spec.syncInterval = syncInterval;
        p.setSpec(spec);
        return new ResolvedPlatform("ns/kc", p, spec, "keycloak", "ns");
    }

    private void stub(String name, String resourceVersion) {
        Secret s = new Secret();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withResourceVersion(resourceVersion).build());
        stubs.put(Cache.metaNamespaceKeyFunc(s), s);
    }

    private Optional<Duration> check() { return inputs.untilDriftCheck(connection, before, platform, stubs); }

    @Test
    void nothingChangedWaitsForTheDriftCheckSpreadOverATenthOfTheInterval() {
        assertThat(check()).hasValueSatisfying(d -> assertThat(d)
                .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(9).plus(Duration.ofMinutes(1))));
    }

    @Test
    void pacingEditsOfThePlatformChangeNothing() {
        ResolvedPlatform paced = platform("20m", "https://sso.example.com");
        paced.spec().rateLimit = new RateLimitSpec();
        paced.spec().rateLimit.requestsPerSecond = 5.0;
        paced.resource().getMetadata().setGeneration(6L);
        platform = paced;
        // ... but the drift check is now due later
        assertThat(check()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofMinutes(19)));
    }

    @Test
    void aRotatedSecretNeedsAFullPass() {
        stub("corp-client", "42");
        assertThat(check()).isEmpty();
    }

    @Test
    void aSecretTheInformerDoesNotHoldNeedsAFullPass() {
        stubs.remove("ns/corp-client");
        assertThat(check()).isEmpty();
    }

    @Test
    void aSpecEditNeedsAFullPass() {
        connection.getMetadata().setGeneration(3L);
        assertThat(check()).isEmpty();
        before.observedGeneration = 3L; // even with a status that claims the new generation: the digest differs
        assertThat(check()).isEmpty();
    }

    @Test
    void anotherVendorEndpointOrARecreatedPlatformNeedsAFullPass() {
        platform = platform("10m", "https://other.example.com");
        assertThat(check()).isEmpty();
        platform = platform("10m", "https://sso.example.com");
        platform.resource().getMetadata().setUid("another-uid");
        assertThat(check()).isEmpty();
    }

    @Test
    void anotherOperatorVersionNeedsAFullPass() {
        assertThat(new UnchangedInputs(clock, "1.3.0", comparisons).untilDriftCheck(connection, before, platform, stubs)).isEmpty();
    }

    /** A process that compared the connection {@code ago}, with the same inputs as this test's. */
    private UnchangedInputs comparedAgo(Duration ago, String uid) {
        ConnectionMetrics earlier = new ConnectionMetrics(new SimpleMeterRegistry(), Clock.fixed(NOW.minus(ago),
                ZoneOffset.UTC));
        earlier.compared("ns", "corp", uid, "ns/kc");
        return new UnchangedInputs(clock, "1.2.0", earlier);
    }

    @Test
    void theDriftCheckIsDueAnIntervalAfterTheLastComparisonNotAfterTheLastStatusWrite() {
        before.lastSyncTime = NOW.minus(Duration.ofDays(3)).toString(); // nothing has changed for three days
        assertThat(comparedAgo(Duration.ofMinutes(1), "c-uid").untilDriftCheck(connection, before, platform, stubs))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10)));
        assertThat(comparedAgo(Duration.ofMinutes(10), "c-uid").untilDriftCheck(connection, before, platform, stubs))
                .as("compared an interval ago").isEmpty();
        assertThat(comparedAgo(Duration.ofMinutes(1), "uid-of-a-deleted-namesake")
                .untilDriftCheck(connection, before, platform, stubs))
                .as("a new connection of the same name does not inherit the schedule: restart rule")
                .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(11)));
    }

    @Test
    void afterARestartConnectionsUnchangedForLongAreSpreadOverTheFirstInterval() {
        before.lastSyncTime = NOW.minus(Duration.ofDays(3)).toString();
        java.util.List<Duration> dues = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            connection.getMetadata().setUid(java.util.UUID.nameUUIDFromBytes(("c" + i).getBytes()).toString());
            before.inputsDigest = inputs.digest(connection, platform, Map.of("corp-client", "41"));
            Duration first = check().orElseThrow();
            assertThat(check().orElseThrow().minus(first).abs()).as("the same place each time it comes back")
                    .isLessThanOrEqualTo(Duration.ofMinutes(1));
            dues.add(first);
        }
        assertThat(dues).allSatisfy(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(11)));
        assertThat(dues.stream().filter(d -> d.compareTo(Duration.ofMinutes(3)) < 0).count())
                .as("not all at the end of the interval").isGreaterThan(20);
        assertThat(dues.stream().filter(d -> d.compareTo(Duration.ofMinutes(7)) > 0).count())
                .as("not all at once").isGreaterThan(20);
    }

    @Test
    void aDueDriftCheckOrANotReadyOrUnfinishedConnectionNeedsAFullPass() {
        assertThat(comparedAgo(Duration.ofMinutes(10), "c-uid").untilDriftCheck(connection, before, platform, stubs))
                .as("drift check due").isEmpty();
        aConnectionSyncedAMinuteAgo();
        before.pendingCreate = "corp";
        assertThat(check()).as("create not confirmed").isEmpty();
        aConnectionSyncedAMinuteAgo();
        Conditions.set(before.conditions, Conditions.READY, false, Reason.VendorUnreachable, "down", 2L, clock);
        assertThat(check()).as("not Ready").isEmpty();
        aConnectionSyncedAMinuteAgo();
        before.inputsDigest = null;
        assertThat(check()).as("recorded by an older operator").isEmpty();
    }

    @Test
    void aNewRecheckRequestIsANewInputAndTheSameOneIsNot() {
        assertThat(check()).isPresent();
        connection.getMetadata().setAnnotations(Map.of(dev.federator.idp.RecheckRequests.ANNOTATION, "2026-11-23T12:00Z"));
        assertThat(check()).isEmpty();
        before.inputsDigest = inputs.digest(connection, platform, Map.of("corp-client", "41"));
        assertThat(check()).isPresent();
        connection.getMetadata().setAnnotations(Map.of(dev.federator.idp.RecheckRequests.ANNOTATION, "2026-11-23T12:01Z"));
        assertThat(check()).isEmpty();
    }
}
