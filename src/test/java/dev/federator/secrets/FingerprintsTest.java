package dev.federator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    private final byte[] key = new byte[32];
    private final Fingerprints fingerprints = new Fingerprints(key);

    @Test
    void sameInputsGiveTheSameFingerprintAndNeverTheValue() {
        String a = fingerprints.of("uid-1", "config.clientSecret", "s3cr3t-value");
        assertThat(a).isEqualTo(fingerprints.of("uid-1", "config.clientSecret", "s3cr3t-value"))
                .startsWith("hmac-sha256:").doesNotContain("s3cr3t");
    }

    @Test
    void ownerFieldValueAndKeyAllChangeTheFingerprint() {
        String base = fingerprints.of("uid-1", "f", "v");
        assertThat(fingerprints.of("uid-2", "f", "v")).isNotEqualTo(base);
        assertThat(fingerprints.of("uid-1", "g", "v")).isNotEqualTo(base);
        assertThat(fingerprints.of("uid-1", "f", "w")).isNotEqualTo(base);
        byte[] other = Arrays.copyOf(key, 32);
        other[0] = 1;
        assertThat(new Fingerprints(other).of("uid-1", "f", "v")).isNotEqualTo(base);
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new Fingerprints(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
