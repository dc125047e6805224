package dev.federator.status;

import dev.federator.provider.spi.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Sets Kubernetes-style conditions, keeping lastTransitionTime unless the status really flips. */
public final class Conditions {
    public static final String READY = Reason.On.READY.type();
    public static final String SYNCED = Reason.On.SYNCED.type();
    public static final String CERTIFICATE_EXPIRING = Reason.On.CERTIFICATE_EXPIRING.type();

    private Conditions() {}

    public static void set(List<Condition> conditions, String type, boolean status, Reason reason, String message,
                           Long generation, Clock clock) {
        String value = status ? "True" : "False";
        Optional<Condition> existing = find(conditions, type);
        String transition = existing.filter(c -> value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        Condition condition = new ConditionBuilder().withType(type).withStatus(value).withReason(reason.name())
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(transition).build();
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(condition);
        conditions.sort(Comparator.comparing(Condition::getType));
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** Whether the condition's reason would change to {@code reason}: what makes a failure worth an event. */
    public static boolean reasonChanges(List<Condition> conditions, String type, Reason reason) {
        return find(conditions, type).map(c -> !reason.name().equals(c.getReason())).orElse(true);
    }
}
