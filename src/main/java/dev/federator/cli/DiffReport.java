package dev.federator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.federator.cli.ConnectionPlan.Action;
import dev.federator.cli.ConnectionPlan.FieldChange;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plans of one diff run, as text for people or JSON for bots, with the summary and the exit code. The JSON shape
 * is documented in docs/cli.md.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record DiffReport(List<ConnectionPlan> connections, Map<Action, Long> summary, List<String> notes, int exitCode,
                  boolean complete) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_VALUE = 120;

    static DiffReport of(List<ConnectionPlan> plans, List<String> notes) {
        Map<Action, Long> counts = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            counts.put(a, plans.stream().filter(p -> p.action() == a).count());
        }
        boolean errors = counts.get(Action.error) > 0;
        int exit = errors ? ExitCodes.ERROR
                : plans.stream().anyMatch(p -> p.action().isChange()) ? ExitCodes.CHANGES : ExitCodes.NO_CHANGE;
        return new DiffReport(plans, counts, notes, exit, !errors);
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String text() {
        StringBuilder out = new StringBuilder();
        for (ConnectionPlan p : connections) {
            out.append(symbol(p.action())).append(' ').append(p.namespace()).append('/').append(p.name());
            if (p.platform() != null) {
                out.append(" (").append(p.vendor() == null ? "" : p.vendor() + " ").append(p.platform())
                        .append(p.remoteName() == null ? "" : ", " + p.remoteName()).append(')');
            }
            out.append(": ").append(p.action());
            if (p.reason() != null) {
                out.append(" [").append(p.reason()).append(']');
            }
            out.append('\n');
            if (p.message() != null) {
                out.append("    ").append(p.message()).append('\n');
            }
            for (FieldChange c : p.changes()) {
                if ("unchanged".equals(c.secret()) && p.action() == Action.nochange) {
                    continue; // the JSON keeps them; a person reading a long plan does not need them
                }
                out.append("    ").append(c.path()).append(": ").append(c.secret() != null ? "(secret) " + c.secret()
                        : p.action() == Action.create ? show(c.desired()) : show(c.old()) + " -> " + show(c.desired()))
                        .append('\n');
            }
        }
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        out.append(summaryLine()).append('\n');
        return out.toString();
    }

    String summaryLine() {
        String counts = summary.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        String head = complete ? "Summary: " : "INCOMPLETE (errors above; this is not the whole plan): ";
        return head + (counts.isEmpty() ? "no connections" : counts) + "; exit " + exitCode;
    }

    private static char symbol(Action a) {
        return switch (a) {
            case create -> '+';
            case update, adopt -> '~';
            case delete -> '-';
            case nochange -> '=';
            case conflict, blocked, error -> '!';
            case drift -> '?';
        };
    }

    private static String show(JsonNode value) {
        String text = value == null || value.isNull() ? "(none)" : value.isTextual() ? value.asText() : value.toString();
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "... (" + text.length() + " chars)" : text;
    }
}
