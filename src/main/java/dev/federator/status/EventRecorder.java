package dev.federator.status;

import dev.federator.provider.spi.Reason;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Kubernetes events on our resources, so `kubectl describe` tells the story. Messages never carry secrets. */
@ApplicationScoped
public class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata resource, Reason reason, String message) { normal(resource, reason.name(), message); }

    public void warning(HasMetadata resource, Reason reason, String message) { warning(resource, reason.name(), message); }

    /** The hook test doubles override; main code passes a {@link Reason}, the only place a reason is spelled. */
    public void normal(HasMetadata resource, String reason, String message) { record(resource, "Normal", reason, message); }

    /** See {@link #normal(HasMetadata, String, String)}. */
    public void warning(HasMetadata resource, String reason, String message) { record(resource, "Warning", reason, message); }

    private void record(HasMetadata resource, String type, String reason, String message) {
        String namespace = resource.getMetadata().getNamespace() == null ? "default" : resource.getMetadata().getNamespace();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(resource.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(resource.getApiVersion())
                            .withKind(resource.getKind()).withName(resource.getMetadata().getName())
                            .withNamespace(resource.getMetadata().getNamespace())
                            .withUid(resource.getMetadata().getUid())
                            .withResourceVersion(resource.getMetadata().getResourceVersion()).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("federator").endSource()
                    .withReportingComponent("federator")
                    .build()).create();
        } catch (RuntimeException e) {
            // An event is a courtesy: failing to record one must not fail the reconcile.
            LOG.debugf("could not record event %s on %s: %s", reason, resource.getMetadata().getName(), e.getMessage());
        }
    }
}
