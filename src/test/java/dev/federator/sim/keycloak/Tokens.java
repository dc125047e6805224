package dev.federator.sim.keycloak;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued access and refresh tokens. Tokens look like JWTs (with {@code exp}) so a client that reads
 * the expiry from the token works, but only the server-side record decides whether one is valid.
 */
final class Tokens {

    /** Who a token speaks for; {@code canManage} false means it may only read. */
    record Grant(String realm, String clientId, String subject, boolean canManage, Instant expiresAt) {
        Grant withExpiry(Instant at) {
            return new Grant(realm, clientId, subject, canManage, at);
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Grant> access = new ConcurrentHashMap<>();
    private final Map<String, Grant> refresh = new ConcurrentHashMap<>();
    private final java.util.Set<String> issued = ConcurrentHashMap.newKeySet();
    private volatile Duration accessLifetime = Duration.ofSeconds(60);
    private volatile Duration refreshLifetime = Duration.ofMinutes(30);
    private volatile Clock clock = Clock.systemUTC();

    void accessLifetime(Duration lifetime) {
        this.accessLifetime = lifetime;
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    Duration refreshLifetime() {
        return refreshLifetime;
    }

    void clock(Clock clock) {
        this.clock = clock;
    }

    String issueAccess(String issuer, Grant who) {
        Instant now = clock.instant();
        Grant grant = who.withExpiry(now.plus(accessLifetime));
        String token = jwtLike(issuer, grant, now, "Bearer");
        access.put(token, grant);
        issued.add(token);
        return token;
    }

    String issueRefresh(String issuer, Grant who) {
        Instant now = clock.instant();
        Grant grant = who.withExpiry(now.plus(refreshLifetime));
        String token = jwtLike(issuer, grant, now, "Refresh");
        refresh.put(token, grant);
        issued.add(token);
        return token;
    }

    /** Every token issued, expired ones included. */
    java.util.Set<String> issued() {
        return java.util.Set.copyOf(issued);
    }

    Optional<Grant> validAccess(String token) {
        return valid(access, token);
    }

    Optional<Grant> validRefresh(String token) {
        return valid(refresh, token);
    }

    /** Expires every access token now; refresh tokens stay valid so that the refresh path can be exercised. */
    void expireAccessTokens() {
        access.clear();
    }

    private Optional<Grant> valid(Map<String, Grant> tokens, String token) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = tokens.get(token);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    private static String jwtLike(String issuer, Grant grant, Instant now, String type) {
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("alg", "RS256").put("typ", "JWT").put("kid", "simulator");
        ObjectNode claims = JsonNodeFactory.instance.objectNode()
                .put("exp", grant.expiresAt().getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("jti", UUID.randomUUID().toString())
                .put("iss", issuer)
                .put("sub", grant.subject())
                .put("typ", type)
                .put("azp", grant.clientId())
                .put("scope", "email profile");
        byte[] signature = new byte[32];
        RANDOM.nextBytes(signature);
        return b64(header.toString()) + "." + b64(claims.toString()) + "." + B64.encodeToString(signature);
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
