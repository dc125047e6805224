package dev.federator.status;

import dev.federator.provider.spi.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The reasons table of docs/reference.md: rows {@code | `Reason` | condition | use | retry | Argo CD | meaning |}.
 * {@link #main} prints the table from the enum, for pasting when the enum changes.
 */
final class DocumentedReasons {
    static final String HEADER = "| reason | condition | in | retry | Argo CD | meaning |";

    private DocumentedReasons() {}

    /** Reason name to its row, for every row of the table that follows {@link #HEADER}. */
    static Map<String, String> read(Path doc) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.trim().equals(HEADER)) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                String name = line.substring(3, line.indexOf('`', 3));
                rows.put(name, line.trim());
            } else if (inTable && !line.startsWith("|")) {
                inTable = false;
            }
        }
        return rows;
    }

    static String row(Reason reason) {
        return "| `" + reason.name() + "` | " + condition(reason) + " | " + reason.use().name().toLowerCase(Locale.ROOT)
                + " | " + reason.retry().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " | "
                + (reason.health() == Reason.Health.NO_HEALTH ? "" : capitalized(reason.health().name())) + " | "
                + reason.meaning() + " |";
    }

    private static String condition(Reason reason) {
        return switch (reason.condition()) {
            case NO_CONDITION -> "";
            case READY -> reason.health() == Reason.Health.HEALTHY ? "Ready=True" : "Ready=False";
            case SYNCED -> "Synced=True";
            case CERTIFICATE_EXPIRING -> reason == Reason.CertificateExpiresSoon ? "CertificateExpiring=True"
                    : "CertificateExpiring=False";
        };
    }

    private static String capitalized(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    public static void main(String[] args) {
        System.out.println(HEADER);
        System.out.println("|---|---|---|---|---|---|");
        for (Reason reason : Reason.values()) {
            System.out.println(row(reason));
        }
    }
}
