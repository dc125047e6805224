package dev.federator.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of values the vendor will not show us again. HMAC-SHA256 with a key only the operator holds:
 * unlike a plain hash, a fingerprint on a status cannot be checked against guessed secrets by someone who can read
 * the resource. The owner's uid and the field are mixed in, so equal secrets give unrelated fingerprints.
 */
public final class Fingerprints {
    private final byte[] key;

    public Fingerprints(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the fingerprint key needs at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String of(String ownerUid, String field, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(ownerUid.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(field.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return "hmac-sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
