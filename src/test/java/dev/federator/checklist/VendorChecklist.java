package dev.federator.checklist;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.api.v1alpha1.PlatformStatus;
import dev.federator.contract.VendorFixtures;
import dev.federator.e2e.FaultVendor;
import dev.federator.platform.VendorRegistry;
import dev.federator.provider.spi.VendorProvider;
import dev.federator.sandbox.Samples;
import dev.federator.sandbox.SimulatorFleet;
import io.fabric8.generator.annotation.ValidationRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The steps of docs/adding-a-vendor.md, checked for one vendor name: {@link #missing} gives one message per step the
 * vendor lacks, naming the step and where it goes.
 */
final class VendorChecklist {
    static final String GUIDE = "docs/adding-a-vendor.md";
    static final Path VENDORS_TABLE = Path.of("docs/vendors.md");
    static final Path SERVICE_PROVIDER_TABLE = Path.of("docs/idp-metadata.md");
    static final String SERVICE_PROVIDER_SECTION = "## Service provider values";
    private static final Path SAMPLES = Path.of("samples");
    private static final Path SIMULATORS = Path.of("src/test/java/dev/federator/sim");
    private static final List<Path> CRDS = List.of(Path.of("crds/identityplatforms.federator.dev.yaml"),
            Path.of("crds/clusteridentityplatforms.federator.dev.yaml"));
    private static final Pattern HAS = Pattern.compile("has\\(self\\.([a-z0-9]+)\\)");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final List<Field> STATUS_DESCRIPTIONS = List.of(field(PlatformStatus.class, "vendor"),
            field(IdentityConnectionStatus.class, "platformKind"));

    private final VendorRegistry registry;
    private final SimulatorFleet fleet;

    VendorChecklist(VendorRegistry registry, SimulatorFleet fleet) {
        this.registry = registry;
        this.fleet = fleet;
    }

    List<String> missing(String vendor) {
        List<String> missing = new ArrayList<>();
        Optional<VendorProvider<?>> provider = registry.provider(vendor);
        check(missing, vendor, provider.isPresent(), "provider", "a VendorProvider whose vendor() is '" + vendor
                + "', listed in src/main/resources/META-INF/services/dev.federator.provider.spi.VendorProvider");
        Optional<Field> block = platformBlock(vendor);
        check(missing, vendor, block.isPresent(), "platform spec block", "a public field '" + vendor
                + "' of type <Vendor>PlatformSpec on api/v1alpha1/PlatformSpec");
        check(missing, vendor, celVendors().contains(vendor) && celMessage().contains(vendor), "CEL rule",
                "has(self." + vendor + ") in PlatformSpec's 'exactly one vendor block' rule, and the name in its message");
        check(missing, vendor, STATUS_DESCRIPTIONS.stream().allMatch(f -> description(f).contains(vendor)),
                "status descriptions", "the name in the descriptions of PlatformStatus.vendor and "
                + "IdentityConnectionStatus.platformKind, which list the vendors for kubectl explain");
        if (provider.isPresent() && block.isPresent()) {
            settingsMismatch(block.get().getType(), provider.get().settingsType())
                    .ifPresent(why -> check(missing, vendor, false, "settings record", why));
        }
        check(missing, vendor, CRDS.stream().allMatch(crd -> crdHasBlock(crd, vendor)), "CRD regeneration",
                "crds/ without spec." + vendor + " or its CEL entry: ./mvnw -o -q package -DskipTests && "
                + "bin/update-crds");
        check(missing, vendor, Files.isDirectory(SIMULATORS.resolve(vendor)) && fleet.url(vendor) != null,
                "simulator in the fleet", "a simulator under " + SIMULATORS.resolve(vendor)
                + "/, started by sandbox/SimulatorFleet.start() under the key '" + vendor + "'");
        check(missing, vendor, FaultVendor.vendors(fleet).contains(vendor), "fault-list entry",
                "a FaultVendor for '" + vendor + "' in e2e/FaultVendor.all");
        check(missing, vendor, VendorFixtures.forVendor(vendor).isPresent(), "contract-test fixture",
                "a VendorFixture for '" + vendor + "' listed in contract/VendorFixtures.ALL");
        check(missing, vendor, hasSample(vendor), "sample", "samples/" + vendor + "/ with a platform that sets spec."
                + vendor + " and at least one IdentityConnection");
        check(missing, vendor, vendorsTableNames().stream().anyMatch(name -> name.startsWith(vendor)),
                "vendors table row", "a row in the vendors table of " + VENDORS_TABLE + " whose first cell starts "
                + "with the vendor's name (case and spaces ignored)");
        check(missing, vendor, vendorsNotesHeadings().stream().anyMatch(name -> name.startsWith(vendor)),
                "vendor notes", "a '## ' section in " + VENDORS_TABLE + " whose title starts with the vendor's name, "
                + "which its table row links to");
        check(missing, vendor, tableNames(SERVICE_PROVIDER_TABLE, SERVICE_PROVIDER_SECTION).stream()
                        .anyMatch(name -> name.startsWith(vendor)), "service-provider values",
                "a row in the table under '" + SERVICE_PROVIDER_SECTION + "' of " + SERVICE_PROVIDER_TABLE
                + " saying where each value comes from (and VendorClient.serviceProvider where any is known)");
        return missing;
    }

    /** Vendor blocks on the platform spec, and names in its CEL rule, that no registered adapter serves. */
    static List<String> unregistered(Set<String> registered) {
        List<String> extra = new ArrayList<>();
        for (Field field : PlatformSpec.class.getFields()) {
            if (isVendorBlock(field) && !registered.contains(field.getName())) {
                extra.add("PlatformSpec has the vendor block '" + field.getName() + "' but no VendorProvider "
                        + "registers that name (see " + GUIDE + ")");
            }
        }
        for (String vendor : celVendors()) {
            if (!registered.contains(vendor)) {
                extra.add("PlatformSpec's CEL rule names '" + vendor + "' but no VendorProvider registers that name");
            }
        }
        return extra;
    }

    /**
     * Why the settings record does not fit the platform spec block, if it does not: the operator binds the block to
     * the record by field name and drops what the record lacks, so a renamed or forgotten field would vanish quietly.
     */
    static Optional<String> settingsMismatch(Class<?> block, Class<? extends Record> settings) {
        Set<String> fields = settingFields(block);
        Set<String> components = Arrays.stream(settings.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        return fields.equals(components) ? Optional.empty() : Optional.of("the components of "
                + settings.getSimpleName() + " " + components + " must be the non-Secret fields of "
                + block.getSimpleName() + " " + fields + ", by the same names");
    }

    private static void check(List<String> missing, String vendor, boolean done, String step, String what) {
        if (!done) {
            missing.add(vendor + ": step '" + step + "' of " + GUIDE + " is missing: " + what);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(type.getSimpleName() + "." + name + " is gone: update the checklist", e);
        }
    }

    private static String description(Field field) {
        JsonPropertyDescription description = field.getAnnotation(JsonPropertyDescription.class);
        return description == null ? "" : description.value();
    }

    private static Optional<Field> platformBlock(String vendor) {
        return Arrays.stream(PlatformSpec.class.getFields())
                .filter(f -> f.getName().equals(vendor) && isVendorBlock(f)).findFirst();
    }

    private static boolean isVendorBlock(Field field) {
        return !Modifier.isStatic(field.getModifiers()) && field.getType().getSimpleName().endsWith("PlatformSpec");
    }

    /** The block's fields that are plain values: a {@code ...Ref} field refers to a Secret and is a credential. */
    private static Set<String> settingFields(Class<?> block) {
        return Arrays.stream(block.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).filter(name -> !name.endsWith("Ref"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> celVendors() {
        Set<String> names = new TreeSet<>();
        Matcher m = HAS.matcher(celRule().value());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String celMessage() { return celRule().message(); }

    private static ValidationRule celRule() {
        return Arrays.stream(PlatformSpec.class.getAnnotationsByType(ValidationRule.class))
                .filter(r -> r.value().contains("has(self.")).findFirst()
                .orElseThrow(() -> new AssertionError("PlatformSpec has no 'exactly one vendor block' CEL rule"));
    }

    private static boolean crdHasBlock(Path crd, String vendor) {
        for (JsonNode version : read(crd).path("spec").path("versions")) {
            JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
            boolean inRule = false;
            for (JsonNode validation : spec.path("x-kubernetes-validations")) {
                inRule |= validation.path("rule").asText().contains("has(self." + vendor + ")");
            }
            if (!spec.path("properties").has(vendor) || !inRule) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSample(String vendor) {
        Path dir = SAMPLES.resolve(vendor);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        List<ObjectNode> docs = Samples.read(dir);
        return docs.stream().anyMatch(d -> d.path("kind").asText().endsWith("IdentityPlatform")
                && d.path("spec").has(vendor))
                && docs.stream().anyMatch(d -> d.path("kind").asText().equals("IdentityConnection"));
    }

    /**
     * The first cells of the table whose header's first cell is "vendor", lower-cased with everything but letters and
     * digits dropped ("ezto auth" becomes "eztoauth").
     */
    static List<String> vendorsTableNames() { return tableNames(VENDORS_TABLE, null); }

    /** As {@link #vendorsTableNames}, in {@code file}, only in the '## ' section {@code heading} when it is given. */
    static List<String> tableNames(Path file, String heading) {
        List<String> names = new ArrayList<>();
        boolean inTable = false;
        boolean inSection = heading == null;
        for (String line : lines(file)) {
            if (heading != null && line.startsWith("## ")) {
                inSection = line.trim().equals(heading);
            }
            if (!inSection) {
                continue;
            }
            String first = line.startsWith("|") ? line.substring(1).split("\\|", 2)[0].trim() : null;
            if (first == null) {
                inTable = false;
            } else if (first.equalsIgnoreCase("vendor")) {
                inTable = true;
            } else if (inTable && !first.startsWith("---")) {
                names.add(first.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
            }
        }
        return names;
    }

    /** The '## ' headings of the vendors page, normalised as the table's first cells are. */
    static List<String> vendorsNotesHeadings() {
        return lines(VENDORS_TABLE).stream().filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")).toList();
    }

    private static JsonNode read(Path yaml) {
        try {
            return YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
