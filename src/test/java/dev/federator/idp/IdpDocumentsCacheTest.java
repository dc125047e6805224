package dev.federator.idp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One fetch per URL per drift interval, however many connections or passes ask; a re-check request reads anew. */
class IdpDocumentsCacheTest {
    private Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @Test
    void aDocumentIsReadOncePerIntervalUnlessAFreshReadIsAskedFor() throws Exception {
        try (IdpDocumentServer idp = new IdpDocumentServer()) {
            String cert = SamlMetadataDocs.newCertificate("idp");
            idp.serve("/m", "application/xml", SamlMetadataDocs.idp("https://idp", "https://idp", cert));
            IdpDocuments documents = new IdpDocuments(new GuardedFetch(), clock);
            Duration interval = Duration.ofMinutes(10);
            documents.metadata(idp.url("/m"), null, idp.caBundle(), interval, false);
            documents.metadata(idp.url("/m"), null, idp.caBundle(), interval, false);
            now = now.plus(Duration.ofMinutes(9));
            documents.metadata(idp.url("/m"), null, idp.caBundle(), interval, false);
            assertThat(idp.requests()).containsExactly("GET /m");
            documents.metadata(idp.url("/m"), null, idp.caBundle(), interval, true);
            assertThat(idp.requests()).hasSize(2);
            now = now.plus(Duration.ofMinutes(11));
            documents.metadata(idp.url("/m"), null, idp.caBundle(), interval, false);
            assertThat(idp.requests()).hasSize(3);
        }
    }
}
