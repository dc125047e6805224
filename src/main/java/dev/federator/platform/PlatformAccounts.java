package dev.federator.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.federator.api.v1alpha1.PlatformSpec;
import dev.federator.provider.spi.InvalidRequestException;
import dev.federator.provider.spi.Reason;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;
import dev.federator.provider.spi.PlatformAccount;
import dev.federator.provider.spi.SecretValue;
import dev.federator.provider.spi.VendorException;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;
import io.fabric8.kubernetes.api.model.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a platform's vendor block into the adapter's {@link PlatformAccount}: the block is read into the adapter's
 * settings record by field name, {@code xxxRef: {name, key}} fields become the credential "xxx" (tokenRef -> token,
 * apiKeyRef -> api-key), and a {@code credentialsRef: {name}} contributes every key of its Secret (client-id,
 * client-secret, username...).
 */
@ApplicationScoped
public class PlatformAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    // The block's Secret references are credentials, not settings: the record does not declare them.
    private static final ObjectMapper SETTINGS = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SecretReader secrets;

    public PlatformAccounts(SecretReader secrets) { this.secrets = secrets; }

    public static Optional<String> vendorOf(PlatformSpec spec) {
        JsonNode tree = JSON.valueToTree(spec);
        for (String vendor : VendorRegistry.installed()) {
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

    public <S extends Record> PlatformAccount<S> account(ResolvedPlatform platform, Class<S> settingsType) {
        JsonNode block = JSON.valueToTree(platform.spec()).path(platform.vendor());
        S settings = settings(platform.vendor(), block, settingsType);
        return new PlatformAccount<>(platform.key(), settings, credentials(platform, block));
    }

    /**
     * The vendor block as the adapter's settings record. The record's own checks (MissingSetting, InvalidSetting)
     * pass through as they are; a value Jackson cannot bind becomes InvalidSetting naming the field.
     */
    static <S extends Record> S settings(String vendor, JsonNode block, Class<S> settingsType) {
        try {
            return SETTINGS.treeToValue(block, settingsType);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining("."));
            throw new InvalidRequestException(Reason.InvalidSetting, "spec." + vendor + "." + field + " is not a valid "
                    + (e.getTargetType() == null ? "value" : e.getTargetType().getSimpleName()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof VendorException own) {
                    throw own;
                }
            }
            throw new InvalidRequestException(Reason.InvalidSetting, "spec." + vendor + " cannot be read as "
                    + settingsType.getSimpleName());
        }
    }

    /** Whether the adapter is to talk plain http (a local server or simulator): its settings' url says so. */
    static boolean plainHttp(PlatformAccount<?> account) {
        return SETTINGS.valueToTree(account.settings()).path("url").asText("").startsWith("http://");
    }

    private Map<String, SecretValue> credentials(ResolvedPlatform platform, JsonNode block) {
        Map<String, SecretValue> credentials = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("credentialsRef") && value.hasNonNull("name")) {
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
        return credentials;
    }

    /** tokenRef -> token, apiKeyRef -> api-key, apiSecretRef -> api-secret. */
    static String role(String field) {
        String base = field.substring(0, field.length() - "Ref".length());
        return base.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
