package dev.federator.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;

/** Status edits happen on a copy, and are patched only when they differ, so a no-op reconcile writes nothing. */
public final class StatusCopies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusCopies() {}

    public static <T> T copy(T status, Class<T> type) {
        try {
            return status == null ? type.getDeclaredConstructor().newInstance() : JSON.convertValue(status, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(R resource, S before, S after) {
        if (before != null && Objects.equals(JSON.valueToTree(before), JSON.valueToTree(after))) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(after);
        return UpdateControl.patchStatus(resource);
    }
}
