package dev.federator.crd;

import dev.federator.api.v1alpha1.ClusterIdentityPlatform;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityPlatform;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the printer columns of the generated CRDs in the order their {@link AdditionalPrinterColumn} annotations are
 * declared on the resource class. The Fabric8 CRD generator (7.4) always sorts them by JSON path, which put AGE
 * second and REASON before READY in {@code kubectl get}; it has no option for the order (fabric8io/kubernetes-client
 * issue 7454). Runs in the build right after the generator (pom.xml, phase package), so target/kubernetes and the
 * committed crds/ copied from it by bin/update-crds carry the same order.
 *
 * <p>The generated YAML is rewritten as text, moving whole column items, so everything else stays byte for byte what
 * the generator wrote.
 */
public final class PrinterColumnOrder {
    static final List<Class<? extends HasMetadata>> RESOURCES =
            List.of(IdentityConnection.class, IdentityPlatform.class, ClusterIdentityPlatform.class);
    private static final String BLOCK = "  - additionalPrinterColumns:";
    private static final String ITEM = "    - ";
    private static final String ITEM_CONTINUED = "      ";
    private static final Pattern NAME = Pattern.compile("^ {4}[- ] name: \"(.*)\"$");

    private PrinterColumnOrder() {}

    /** args[0]: the generator's output directory (target/kubernetes). */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/kubernetes");
        for (Class<? extends HasMetadata> resource : RESOURCES) {
            Path file = directory.resolve(HasMetadata.getFullResourceName(resource) + "-v1.yml");
            Files.writeString(file, reorder(Files.readString(file), declaredOrder(resource)));
        }
    }

    /** Column names as declared on the class; repeated annotations keep their source order. */
    static List<String> declaredOrder(Class<?> resource) {
        return Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
    }

    static String reorder(String crd, List<String> order) {
        List<String> lines = new ArrayList<>(crd.lines().toList());
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals(BLOCK)) {
                continue;
            }
            found = true;
            int end = i + 1;
            while (end < lines.size() && (lines.get(end).startsWith(ITEM) || lines.get(end).startsWith(ITEM_CONTINUED))) {
                end++;
            }
            List<String> block = lines.subList(i + 1, end);
            List<String> sorted = sort(items(block), order);
            block.clear();
            block.addAll(sorted);
        }
        if (!found) {
            throw new IllegalArgumentException("no additionalPrinterColumns in the generated CRD");
        }
        return String.join("\n", lines) + (crd.endsWith("\n") ? "\n" : "");
    }

    private static Map<String, List<String>> items(List<String> block) {
        List<List<String>> items = new ArrayList<>();
        for (String line : block) {
            if (line.startsWith(ITEM)) {
                items.add(new ArrayList<>());
            }
            items.get(items.size() - 1).add(line);
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (List<String> item : items) {
            String name = item.stream().map(NAME::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("printer column without a name: " + item));
            byName.put(name, item);
        }
        return byName;
    }

    private static List<String> sort(Map<String, List<String>> items, List<String> order) {
        if (!items.keySet().equals(new HashSet<>(order)) || items.size() != order.size()) {
            throw new IllegalArgumentException("generated printer columns " + items.keySet()
                    + " are not the declared ones " + order);
        }
        List<String> sorted = new ArrayList<>();
        order.forEach(name -> sorted.addAll(items.get(name)));
        return sorted;
    }
}
