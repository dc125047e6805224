package dev.federator.idp;

import dev.federator.idp.IdpDocumentProblems.IdpDocumentKind;
import dev.federator.platform.TrustStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * IdP documents by URL, fetched at most once per drift interval: many connections may name the same IdP, and a
 * connection's drift check comes once per interval, so a rollover is seen within about one interval.
 */
@ApplicationScoped
public class IdpDocuments {
    static final List<String> XML_TYPES = List.of("application/samlmetadata+xml", "application/xml", "text/xml");
    static final List<String> JSON_TYPES = List.of("application/json");

    private final GuardedFetch fetch;
    private final Clock clock;
    private final Map<Key, Held> held = new ConcurrentHashMap<>();

    @Inject
    public IdpDocuments(Clock clock) { this(new GuardedFetch(), clock); }

    IdpDocuments(GuardedFetch fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * @param caBundle the platform's extra CA certificates (PEM), or null for the JVM's trust anchors only
     * @param fresh read the document now even if a recent copy is held (a re-check was requested)
     */
    public IdpMetadata metadata(String url, String entityId, String caBundle, Duration maxAge, boolean fresh) {
        return get(new Key(IdpDocumentKind.SAML_METADATA, url, entityId, caBundle), maxAge, fresh,
                body -> SamlMetadataParser.parse(body, url, entityId), XML_TYPES);
    }

    public OidcDiscovery discovery(String url, String issuer, String caBundle, Duration maxAge, boolean fresh) {
        return get(new Key(IdpDocumentKind.OIDC_DISCOVERY, url, issuer, caBundle), maxAge, fresh,
                body -> OidcDiscovery.parse(body, url, issuer), JSON_TYPES);
    }

    private <T> T get(Key key, Duration maxAge, boolean fresh, Function<byte[], T> parse, List<String> types) {
        Instant now = clock.instant();
        Held copy = held.get(key);
        if (!fresh && copy != null && copy.fetched().plus(maxAge).isAfter(now)) {
            @SuppressWarnings("unchecked") T value = (T) copy.value();
            return value;
        }
        // Failures are not kept: the connection's backoff decides how often an unreachable IdP is tried again.
        T value = parse.apply(fetch.get(key.url(), TrustStores.context(key.caBundle()), key.kind(), types));
        held.put(key, new Held(now, value));
        forgetOlderThan(now.minus(maxAge.multipliedBy(3)));
        return value;
    }

    /** Documents no connection asked for in a while (their connections changed URL or are gone). */
    private void forgetOlderThan(Instant cutoff) {
        held.values().removeIf(h -> h.fetched().isBefore(cutoff));
    }

    private record Key(IdpDocumentKind kind, String url, String selector, String caBundle) {}

    private record Held(Instant fetched, Object value) {}
}
