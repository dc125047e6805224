package dev.federator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OperatorHub/OLM bundle (registry+v1) made from the kustomize base, so that OLM installs what
 * {@code kubectl apply -k deploy/} installs: the ClusterRole's rules become the CSV's clusterPermissions, the
 * Role's its permissions (OLM grants them in the install namespace, where the base's Role lives), the Deployment its
 * install strategy, the CRDs its owned resources. Runs in the build (pom.xml, phase package) into
 * target/bundle/federator; QOSDK's bundle generator derives RBAC from the controllers instead, which is broader than
 * the least-privilege RBAC we ship and audit.
 */
public final class OlmBundle {
    static final String PACKAGE = "federator";
    static final String CHANNEL = "alpha";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)); // cpu: "1" stays a string
    private static final Path SAMPLES = Path.of("samples", "keycloak");

    private OlmBundle() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), args[1]);
    }

    /** Writes manifests/ and metadata/ of the bundle for {@code version} into {@code dir} (emptied first). */
    static void write(Path dir, String version) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Path metadata = Files.createDirectories(dir.resolve("metadata"));
        List<JsonNode> docs = RenderedInstall.kustomizeBase().docs().stream().map(RenderedInstall.Doc::json).toList();
        List<JsonNode> crds = ofKind(docs, "CustomResourceDefinition");
        for (JsonNode crd : crds) {
            YAML.writeValue(manifests.resolve(crd.at("/metadata/name").asText() + ".crd.yaml").toFile(), crd);
        }
        YAML.writeValue(manifests.resolve(PACKAGE + ".clusterserviceversion.yaml").toFile(), csv(docs, crds, version));
        YAML.writeValue(metadata.resolve("annotations.yaml").toFile(), annotations());
    }

    static ObjectNode annotations() {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode a = root.putObject("annotations");
        a.put("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1");
        a.put("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
        a.put("operators.operatorframework.io.bundle.metadata.v1", "metadata/");
        a.put("operators.operatorframework.io.bundle.package.v1", PACKAGE);
        a.put("operators.operatorframework.io.bundle.channels.v1", CHANNEL);
        a.put("operators.operatorframework.io.bundle.channel.default.v1", CHANNEL);
        return root;
    }

    private static ObjectNode csv(List<JsonNode> docs, List<JsonNode> crds, String version) throws IOException {
        ObjectNode csv = YAML.createObjectNode();
        csv.put("apiVersion", "operators.coreos.com/v1alpha1");
        csv.put("kind", "ClusterServiceVersion");
        ObjectNode meta = csv.putObject("metadata");
        meta.put("name", PACKAGE + ".v" + version);
        ObjectNode ann = meta.putObject("annotations");
        ann.put("capabilities", "Basic Install");
        ann.put("categories", "Security");
        ann.put("containerImage", one(docs, "Deployment").at("/spec/template/spec/containers/0/image").asText());
        ann.put("alm-examples", new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(examples(crds)));
        ann.put("description", "Keeps SSO connections on identity platforms equal to IdentityConnection resources.");
        ObjectNode spec = csv.putObject("spec");
        spec.put("displayName", "Federator");
        spec.put("version", version);
        spec.put("maturity", CHANNEL);
        spec.put("minKubeVersion", "1.25.0");
        spec.put("description", "Federator reconciles IdentityConnection resources onto identity platforms (Keycloak, "
                + "Auth0, ezto, DevRev, LoginRadius, SlashID): SAML and OIDC connections declared in Kubernetes, kept "
                + "equal to their spec, with status, events and Prometheus metrics.");
        spec.putObject("provider").put("name", "Federator");
        spec.putArray("keywords").add("sso").add("saml").add("oidc").add("keycloak").add("auth0");
        spec.putArray("links").addObject().put("name", "Federator").put("url", "https://federator.dev");
        spec.putArray("maintainers").addObject().put("name", "Federator").put("email", "maintainers@federator.dev");
        // Watching a listed set of namespaces needs Secret-reading Roles per namespace, which the chart renders and
        // OLM's OperatorGroup cannot express with these permissions: all namespaces only.
        ArrayNode modes = spec.putArray("installModes");
        for (String mode : List.of("OwnNamespace", "SingleNamespace", "MultiNamespace", "AllNamespaces")) {
            modes.addObject().put("type", mode).put("supported", mode.equals("AllNamespaces"));
        }
        ArrayNode owned = spec.putObject("customresourcedefinitions").putArray("owned");
        for (JsonNode crd : crds) {
            for (JsonNode v : crd.at("/spec/versions")) {
                String kind = crd.at("/spec/names/kind").asText();
                owned.addObject().put("name", crd.at("/metadata/name").asText()).put("version", v.path("name").asText())
                        .put("kind", kind).put("displayName", kind)
                        .put("description", v.at("/schema/openAPIV3Schema/description").asText(kind));
            }
        }
        ObjectNode install = spec.putObject("install");
        install.put("strategy", "deployment");
        ObjectNode strategy = install.putObject("spec");
        String serviceAccount = one(docs, "ServiceAccount").at("/metadata/name").asText();
        strategy.putArray("clusterPermissions").addObject().put("serviceAccountName", serviceAccount)
                .set("rules", one(docs, "ClusterRole").path("rules").deepCopy());
        strategy.putArray("permissions").addObject().put("serviceAccountName", serviceAccount)
                .set("rules", one(docs, "Role").path("rules").deepCopy());
        JsonNode deployment = one(docs, "Deployment");
        strategy.putArray("deployments").addObject().put("name", deployment.at("/metadata/name").asText())
                .set("spec", deployment.path("spec").deepCopy());
        return csv;
    }

    /** The Keycloak samples' platform and connections, without their Secrets, as OperatorHub's examples. */
    private static ArrayNode examples(List<JsonNode> crds) throws IOException {
        List<String> kinds = crds.stream().map(c -> c.at("/spec/names/kind").asText()).toList();
        ArrayNode examples = YAML.createArrayNode();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(SAMPLES)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            for (JsonNode doc : Manifests.parse(Files.readString(f)).docs) {
                if (kinds.contains(doc.path("kind").asText())) {
                    examples.add(doc);
                }
            }
        }
        return examples;
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode one(List<JsonNode> docs, String kind) {
        List<JsonNode> found = ofKind(docs, kind);
        if (found.size() != 1) {
            throw new IllegalStateException("the kustomize base has " + found.size() + " " + kind + ", expected one");
        }
        return found.get(0);
    }
}
