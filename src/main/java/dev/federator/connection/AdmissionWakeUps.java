package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.platform.PlatformAdmission;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/** Brings back a connection whose reconcile {@link PlatformAdmission} parked, as soon as its platform has room. */
final class AdmissionWakeUps extends AbstractEventSource<Void, IdentityConnection> {
    private final PlatformAdmission admission;

    AdmissionWakeUps(PlatformAdmission admission) {
        super(Void.class, "admission-wake-ups");
        this.admission = admission;
    }

    @Override
    public void start() throws OperatorException {
        admission.onWakeUp(id -> getEventHandler().handleEvent(new Event(id)));
        super.start();
    }

    @Override
    public void stop() throws OperatorException {
        admission.onWakeUp(null);
        super.stop();
    }

    @Override
    public Set<Void> getSecondaryResources(IdentityConnection primary) { return Set.of(); }
}
