package dev.federator.sandbox;

import dev.federator.api.v1alpha1.IdentityConnection;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The sandbox's live view: one row per connection, like `kubectl get identityconnections -A -o wide`. */
public final class StatusTable {
    private StatusTable() {}

    public static String render(List<IdentityConnection> connections) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAMESPACE/NAME", "PLATFORM", "TYPE", "READY", "SYNCED", "EXTERNAL-ID", "MESSAGE"});
        connections.stream().sorted(Comparator.comparing(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()))
                .forEach(c -> rows.add(new String[] {
                        c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(),
                        c.getSpec().platformRef.name + (c.getStatus() != null && c.getStatus().platformKind != null
                                ? " (" + c.getStatus().platformKind + ")" : ""),
                        String.valueOf(c.getSpec().type),
                        condition(c, "Ready").map(Condition::getStatus).orElse("-"),
                        condition(c, "Synced").map(Condition::getStatus).orElse("-"),
                        c.getStatus() == null || c.getStatus().externalId == null ? "-" : c.getStatus().externalId,
                        condition(c, "Ready").map(k -> k.getReason() + ": " + k.getMessage()).orElse("waiting")}));
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? truncate(row[i], 110) : pad(row[i], widths[i] + 2));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static boolean isReady(IdentityConnection c) {
        return c.getStatus() != null && c.getStatus().observedGeneration != null
                && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration())
                && condition(c, "Ready").map(k -> "True".equals(k.getStatus())).orElse(false);
    }

    static Optional<Condition> condition(IdentityConnection c, String type) {
        return c.getStatus() == null || c.getStatus().conditions == null ? Optional.empty()
                : c.getStatus().conditions.stream().filter(k -> type.equals(k.getType())).findFirst();
    }

    private static String pad(String s, int width) { return s + " ".repeat(Math.max(0, width - s.length())); }

    private static String truncate(String s, int max) { return s.length() <= max ? s : s.substring(0, max - 1) + "…"; }
}
