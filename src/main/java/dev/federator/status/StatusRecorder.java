package dev.federator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.provider.spi.Reason;
import dev.federator.provider.spi.ReconcileFailure;
import dev.federator.provider.spi.RetryClass;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The one home of status writing: a pass edits a copy of the status, conditions keep their lastTransitionTime unless
 * their status flips, a typed failure becomes conditions in one way for every kind, and the status is patched only
 * when it differs from what the pass started with, so a no-op reconcile writes nothing.
 */
@ApplicationScoped
public class StatusRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock;

    public StatusRecorder(Clock clock) { this.clock = clock; }

    /** A deep copy to edit, so that {@code before} stays what the API server holds. */
    public static <T> T copy(T status, Class<T> type) {
        try {
            return status == null ? type.getDeclaredConstructor().newInstance() : JSON.convertValue(status, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public void set(List<Condition> conditions, String type, boolean status, Reason reason, String message,
                    Long generation) {
        Conditions.set(conditions, type, status, reason, message, generation, clock);
    }

    /**
     * Every named condition False with the failure's reason and its message (safe by contract; the cause, which may
     * quote a vendor answer, is never shown). Returns whether the Ready reason is new, which is what deserves an event.
     */
    public boolean failed(List<Condition> conditions, ReconcileFailure failure, Long generation, String... types) {
        boolean news = Conditions.reasonChanges(conditions, Conditions.READY, failure.reason());
        for (String type : types) {
            Conditions.set(conditions, type, false, failure.reason(), messageOf(failure), generation, clock);
        }
        return news;
    }

    /** What users read for a failure: its safe message, saying so when it will be retried by itself. */
    public static String messageOf(ReconcileFailure failure) {
        return failure.retry() == RetryClass.RETRY_SOON ? failure.getMessage() + "; retrying" : failure.getMessage();
    }

    /** Patches the status only when the pass changed it. */
    public static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(R resource, S before, S after) {
        if (before != null && Objects.equals(JSON.valueToTree(before), JSON.valueToTree(after))) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(after);
        return UpdateControl.patchStatus(resource);
    }

    /**
     * Writes the status at once, mid-pass, as a merge patch that names only the resource; keeps the resource's
     * resourceVersion current so that the pass's own final write does not conflict with it.
     */
    public <S, R extends CustomResource<?, S>> R patchNow(Context<R> context, R resource, S status) {
        R copy = blank(resource);
        copy.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace()).build());
        copy.setStatus(status);
        R written = context.getClient().resource(copy).patchStatus();
        if (written != null) {
            remember(context, written);
            resource.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        }
        return written;
    }

    /**
     * Replaces the status by read-modify-write from {@code base}. Used where a diff from the resource the pass started
     * with would be wrong: after {@link #patchNow} (JOSDK would diff from a resource lacking what was written since)
     * and on a resource being deleted (a merge patch of a copy did not land there).
     */
    public <S, R extends CustomResource<?, S>> void replace(Context<R> context, R base, S status) {
        remember(context, context.getClient().resource(base).editStatus(current -> {
            current.setStatus(status);
            return current;
        }));
    }

    /**
     * JOSDK caches the writes it makes itself, not these: without this, a pass that an event queues meanwhile starts
     * from the version the watch has not replaced yet, without the create intent or with it still pending (and then
     * reports a vendor-side delete as "Created", or cannot skip a connection whose inputs are unchanged).
     */
    private static <R extends CustomResource<?, ?>> void remember(Context<R> context, R written) {
        if (written == null) {
            return;
        }
        var primaries = context.eventSourceRetriever().getControllerEventSource();
        ResourceID id = ResourceID.fromResource(written);
        primaries.get(id).ifPresent(held -> primaries.handleRecentResourceUpdate(id, written, held));
    }

    @SuppressWarnings("unchecked")
    private static <R> R blank(R resource) {
        try {
            return (R) resource.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
