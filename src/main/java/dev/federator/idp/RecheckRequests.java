package dev.federator.idp;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@value #ANNOTATION} annotation: setting it (to any new value, by convention the current time) asks for a pass
 * now that re-reads the IdP's metadata or discovery document and compares the connection with the vendor.
 *
 * <p>The controller reacts only to spec changes (generation), so this event source watches the annotation on the
 * updates the controller's informer already receives; the value is part of the inputs digest, so the pass is not
 * skipped as unchanged either.
 */
public final class RecheckRequests extends AbstractEventSource<Void, IdentityConnection>
        implements ResourceEventAware<IdentityConnection> {
    public static final String ANNOTATION = "federator.dev/reconcile-requested-at";

    public RecheckRequests() {
        super(Void.class, "recheck-requests");
    }

    /** The annotation's value, or null. */
    public static String requested(IdentityConnection connection) {
        Map<String, String> annotations = connection.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    @Override
    public void onResourceUpdated(IdentityConnection current, IdentityConnection previous) {
        if (!Objects.equals(requested(current), requested(previous)) && requested(current) != null) {
            getEventHandler().handleEvent(new Event(ResourceID.fromResource(current)));
        }
    }

    @Override
    public Set<Void> getSecondaryResources(IdentityConnection primary) { return Set.of(); }
}
