package dev.federator.cli;

import dev.federator.provider.spi.Reason;
import dev.federator.secrets.SecretProblem;
import dev.federator.secrets.SecretReader;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.regex.Pattern;

/**
 * The operator's Secret reading (keys, data and stringData, its error messages) over the CLI's sources. The
 * superclass's API-server client and informer tracking are not used: every read goes through {@link #secret}.
 */
final class SourceSecretReader extends SecretReader {
    private final ObjectSource source;

    /** Keys of credentials Secrets that name an account rather than hold a secret (client-id, username...). */
    private static final Pattern IDENTIFIER = Pattern.compile("(^|-)(id|username|user|domain|realm|url)$");

    private final Redactor redactor;

    /** @param redactor learns every value read, so that no output of the CLI can show one */
    SourceSecretReader(ObjectSource source, Redactor redactor) {
        super(null, null);
        this.source = source;
        this.redactor = redactor;
    }

    @Override
    public Secret secret(String namespace, String name) {
        Secret secret = source.secret(namespace, name).orElseThrow(() -> new SecretProblem(Reason.SecretNotFound, "Secret "
                + namespace + "/" + name + " does not exist" + (source.live() ? " in the cluster" : " in the given "
                + "files (--secrets, or among the manifests)")));
        keys(secret).stream().filter(key -> !IDENTIFIER.matcher(key).find())
                .forEach(key -> value(secret, key).ifPresent(v -> redactor.add(v.reveal())));
        return secret;
    }
}
