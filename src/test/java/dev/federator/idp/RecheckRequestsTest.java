package dev.federator.idp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controller ignores metadata-only updates; this source turns a new re-check request into a reconcile. */
class RecheckRequestsTest {
    private final List<Event> events = new ArrayList<>();
    private final RecheckRequests source = new RecheckRequests();

    private static IdentityConnection connection(String requested) {
        IdentityConnection c = new IdentityConnection();
        c.setMetadata(new ObjectMetaBuilder().withName("corp").withNamespace("ns").withAnnotations(requested == null
                ? Map.of() : Map.of(RecheckRequests.ANNOTATION, requested)).build());
        return c;
    }

    @Test
    void onlyANewValueAsksForAPass() {
        source.setEventHandler(events::add);
        source.onResourceUpdated(connection("t1"), connection(null));
        source.onResourceUpdated(connection("t1"), connection("t1"));
        source.onResourceUpdated(connection(null), connection("t1"));
        source.onResourceUpdated(connection("t2"), connection("t1"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getRelatedCustomResourceID().getName()).isEqualTo("corp");
        assertThat(RecheckRequests.requested(connection("t2"))).isEqualTo("t2");
    }
}
