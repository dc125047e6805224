package dev.federator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Sets Kubernetes-style conditions, keeping lastTransitionTime unless the status really flips. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String SYNCED = "Synced";

    private Conditions() {}

    public static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
                           Long generation, Clock clock) {
        String value = status ? "True" : "False";
        Optional<Condition> existing = find(conditions, type);
        String transition = existing.filter(c -> value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        Condition condition = new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(transition).build();
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(condition);
        conditions.sort(java.util.Comparator.comparing(Condition::getType));
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
