package dev.federator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.platform.ResolvedPlatform;
import dev.federator.platform.VendorClientCache;
import dev.federator.provider.spi.DesiredConnection;
import dev.federator.provider.spi.SecretValue;
import dev.federator.sandbox.Samples;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The samples' connections created on the simulators out of band (through the adapters, as another tool or a
 * person would), the starting point of an export, and what a user then puts into export's Secret templates.
 */
final class SeededConnections {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The client secret each seeded connection holds, by "vendor/remote name". */
    private final Map<String, String> secrets = new HashMap<>();

    /** Creates every connection of the manifests on its vendor. */
    static SeededConnections create(Path manifests) {
        SeededConnections seeded = new SeededConnections();
        LocalObjects local = new LocalObjects("default");
        List<ObjectNode> docs = Samples.read(manifests);
        docs.forEach(local::add);
        OperatorPieces pieces = new OperatorPieces(local, null, "federator-system", "none", new Redactor());
        for (ObjectNode doc : docs) {
            if (doc.path("kind").asText().equals("IdentityConnection")) {
                IdentityConnection c = Serialization.jsonMapper().convertValue(doc, IdentityConnection.class);
                c.getMetadata().setNamespace("default");
                c.getMetadata().setUid("seeded-out-of-band");
                ResolvedPlatform platform = pieces.resolve(c);
                VendorClientCache.Entry entry = pieces.client(platform);
                // As the operator would: a metadataUrl connection gets its certificate and endpoints from the IdP.
                DesiredConnection desired = pieces.desired().build(c, platform, new HashMap<>());
                entry.client().create(desired, entry.client().render(desired));
                SecretValue secret = desired.oidc() != null ? desired.oidc().clientSecret()
                        : desired.hosted() != null ? desired.hosted().clientSecret() : null;
                if (secret != null) {
                    seeded.secrets.put(entry.provider().vendor() + "/" + desired.name(), secret.reveal());
                }
            }
        }
        return seeded;
    }

    /** Connections seeded some other way (a real server's admin API): their secrets by remote name. */
    static SeededConnections holding(String vendor, Map<String, String> secretsByRemoteName) {
        SeededConnections seeded = new SeededConnections();
        secretsByRemoteName.forEach((name, secret) -> seeded.secrets.put(vendor + "/" + name, secret));
        return seeded;
    }

    long withSecret(String vendor) { return secrets.keySet().stream().filter(k -> k.startsWith(vendor + "/")).count(); }

    /** What the user does with the templates: put in the value the vendor holds. */
    void fillSecretTemplates(String vendor, Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                List<ObjectNode> docs = YAML.readValues(YAML.getFactory().createParser(file.toFile()), ObjectNode.class)
                        .readAll();
                String remote = docs.get(docs.size() - 1).path("spec").path("connectionName").asText();
                for (ObjectNode doc : docs) {
                    if (doc.path("kind").asText().equals("Secret") && doc.path("stringData").has("client-secret")) {
                        assertThat(doc.path("stringData").path("client-secret").asText()).as("template").isEmpty();
                        ((ObjectNode) doc.path("stringData")).put("client-secret",
                                secrets.getOrDefault(vendor + "/" + remote, "unknown-secret"));
                    }
                }
                Files.writeString(file, SampleManifests.yaml(docs));
            }
        }
    }
}
