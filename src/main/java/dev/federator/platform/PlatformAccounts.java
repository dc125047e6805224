package dev.federator.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a platform's vendor block into the adapter's {@link PlatformAccount}: scalar fields become settings,
 * {@code xxxRef: {name, key}} fields become the credential "xxx" (tokenRef -> token, apiKeyRef -> api-key), and a
 * {@code credentialsRef: {name}} contributes every key of its Secret (client-id, client-secret, username...).
 */
@ApplicationScoped
public class PlatformAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VENDORS = {"auth0", "keycloak", "ezto", "devrev", "loginradius", "slashid"};
    private final SecretReader secrets;

    public PlatformAccounts(SecretReader secrets) { this.secrets = secrets; }

    public static Optional<String> vendorOf(PlatformSpec spec) {
        JsonNode tree = JSON.valueToTree(spec);
        for (String vendor : VENDORS) {
            if (tree.path(vendor).isObject()) {
                return Optional.of(vendor);
            }
        }
        return Optional.empty();
    }

    /** Names of the Secrets the platform's vendor block refers to. */
    public static Set<String> secretNames(PlatformSpec spec) {
        Set<String> names = new TreeSet<>();
        vendorOf(spec).ifPresent(vendor -> JSON.valueToTree(spec).path(vendor).fields().forEachRemaining(e -> {
            if (e.getKey().endsWith("Ref") && e.getValue().hasNonNull("name")) {
                names.add(e.getValue().path("name").asText());
            }
        }));
        return names;
    }

    public PlatformAccount account(ResolvedPlatform platform) {
        JsonNode block = JSON.valueToTree(platform.spec()).path(platform.vendor());
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, SecretValue> credentials = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                settings.put(field.getKey(), value.asText());
            } else if (field.getKey().equals("credentialsRef") && value.hasNonNull("name")) {
                Secret secret = secrets.secret(platform.secretNamespace(), value.path("name").asText());
                SecretReader.keys(secret).forEach(k -> credentials.put(k, SecretReader.value(secret, k).orElseThrow()));
                if (credentials.isEmpty()) {
                    throw new SecretProblem(Reason.SecretKeyNotFound, "Secret " + platform.secretNamespace() + "/"
                            + value.path("name").asText() + " is empty; see the platform's credentialsRef description");
                }
            } else if (field.getKey().endsWith("Ref") && value.hasNonNull("name") && value.hasNonNull("key")) {
                credentials.put(role(field.getKey()), secrets.value(platform.secretNamespace(),
                        value.path("name").asText(), value.path("key").asText()));
            }
        }
        return new PlatformAccount(platform.key(), settings, credentials);
    }

    /** tokenRef -> token, apiKeyRef -> api-key, apiSecretRef -> api-secret. */
    static String role(String field) {
        String base = field.substring(0, field.length() - "Ref".length());
        return base.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
