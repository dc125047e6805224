package dev.federator.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardTest {
    private static final Shard A = Shard.of(Optional.of("a"), List.of("a", "b"));
    private static final Shard DEFAULT = Shard.of(Optional.empty(), List.of("b", "a", " "));
    private static final Shard UNSHARDED = Shard.of(Optional.of(" "), List.of());

    @Test
    void namedShardSelectsItsKeyOnly() {
        assertThat(A.labelSelector()).contains("sharding.federator.dev/key=a");
        assertThat(A.owns(labelled("a"))).isTrue();
        assertThat(A.owns(labelled("b"))).isFalse();
        assertThat(A.owns(labelled(null))).isFalse();
        assertThat(A.owns(labelled("typo"))).isFalse();
        assertThat(A.name()).isEqualTo("a");
        assertThat(A.leaseName("federator-leader")).isEqualTo("federator-leader-a");
    }

    @Test
    void defaultShardTakesEverythingNoNamedShardTakes() {
        // != matches a resource without the label too: the same set as "key notin (a,b)".
        assertThat(DEFAULT.labelSelector()).contains("sharding.federator.dev/key!=a,sharding.federator.dev/key!=b");
        assertThat(DEFAULT.owns(labelled(null))).isTrue();
        assertThat(DEFAULT.owns(labelled("typo"))).as("a key no shard runs for is not left behind").isTrue();
        assertThat(DEFAULT.owns(labelled("a"))).isFalse();
        assertThat(DEFAULT.owns(labelled("b"))).isFalse();
        assertThat(DEFAULT.name()).isEqualTo("default");
        assertThat(DEFAULT.leaseName("federator-leader")).isEqualTo("federator-leader");
        assertThat(DEFAULT.sharded()).isTrue();
    }

    @Test
    void withoutShardsEverythingIsOneShardWithTheUsualLease() {
        assertThat(UNSHARDED.sharded()).isFalse();
        assertThat(UNSHARDED.labelSelector()).isEmpty();
        assertThat(UNSHARDED.owns(labelled("a"))).isTrue();
        assertThat(UNSHARDED.leaseName("federator-leader")).isEqualTo("federator-leader");
    }

    @Test
    void everyShardAgreesOnWhoOwnsAResource() {
        Shard b = Shard.of(Optional.of("b"), List.of());
        for (String label : new String[] {null, "a", "b", "c"}) {
            long owners = List.of(A, b, DEFAULT).stream().filter(s -> s.owns(labelled(label))).count();
            assertThat(owners).as("shards owning a resource labelled %s", label).isEqualTo(1);
        }
    }

    @Test
    void keysMustBeLabelValues() {
        assertThatThrownBy(() -> Shard.of(Optional.of("a b"), List.of())).hasMessageContaining("FEDERATOR_SHARD");
        assertThatThrownBy(() -> Shard.of(Optional.empty(), List.of("ok", "-bad"))).hasMessageContaining("FEDERATOR_SHARDS");
        assertThatThrownBy(() -> Shard.of(Optional.of("default"), List.of())).hasMessageContaining("default shard");
    }

    @Test
    void describesTheLabelForMessages() {
        assertThat(Shard.describeLabel(labelled("a"))).isEqualTo("labelled sharding.federator.dev/key=a");
        assertThat(Shard.describeLabel(labelled(null))).contains("without the label").contains("default shard");
    }

    private static IdentityConnection labelled(String key) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("ns")
                .withLabels(key == null ? Map.of("other", "x") : Map.of(Shard.LABEL, key)).build());
        return c;
    }
}
