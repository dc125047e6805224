package dev.federator.connection;

import dev.federator.api.v1alpha1.IdentityConnection;
import dev.federator.api.v1alpha1.IdentityConnectionStatus;
import dev.federator.provider.spi.Reason;
import dev.federator.status.Conditions;
import dev.federator.status.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code CertificateExpiring} condition: True once the SAML signing certificate in use
 * ({@code status.signingCertificate.notAfter}) expires within the warning window, with a Warning event when it turns
 * True. An expired IdP certificate is a classic SSO outage; this gives the owners weeks to rotate it.
 */
@ApplicationScoped
public class CertificateExpiry {
    public static final String CONDITION = Conditions.CERTIFICATE_EXPIRING;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final Pattern SIMPLE = Pattern.compile("([0-9]+)(d|h|m|s)");

    private final EventRecorder events;
    private final Clock clock;
    private final Duration window;

    @Inject
    public CertificateExpiry(EventRecorder events, Clock clock,
                             @ConfigProperty(name = "federator.certificate-expiry-warning", defaultValue = "30d")
                             String window) {
        this(events, clock, parseWindow(window));
    }

    CertificateExpiry(EventRecorder events, Clock clock, Duration window) {
        this.events = events;
        this.clock = clock;
        this.window = window;
    }

    /** Sets or clears the condition from {@code status.signingCertificate}; call after every successful sync. */
    public void evaluate(IdentityConnection connection, IdentityConnectionStatus status) {
        Instant notAfter = notAfter(status);
        if (notAfter == null) {
            status.conditions.removeIf(c -> CONDITION.equals(c.getType()));
            return;
        }
        Long generation = connection.getMetadata().getGeneration();
        Instant now = clock.instant();
        Duration left = Duration.between(now, notAfter);
        String subject = status.signingCertificate.subject == null ? "" : " (" + status.signingCertificate.subject + ")";
        String where = secretRef(connection);
        if (left.compareTo(window) > 0) {
            Conditions.set(status.conditions, CONDITION, false, Reason.CertificateValid, "the SAML signing certificate"
                    + subject + " is valid until " + notAfter + ", more than " + days(window) + " from now",
                    generation, clock);
            return;
        }
        boolean news = !Conditions.isTrue(status.conditions, CONDITION);
        // The condition's message names no "days left": it would change every day and cost a status write on drift
        // checks that find nothing else changed. The event, sent once when the condition turns True, does.
        String message = left.isNegative() ? expired(subject, notAfter, where)
                : expiring(subject, notAfter, "within " + days(window), where);
        Conditions.set(status.conditions, CONDITION, true, Reason.CertificateExpiresSoon, message, generation, clock);
        if (news) {
            events.warning(connection, Reason.CertificateExpiring, left.isNegative() ? message
                    : expiring(subject, notAfter, "in " + days(left), where));
        }
    }

    private static String expired(String subject, Instant notAfter, String where) {
        return "the SAML signing certificate" + subject + " expired on " + notAfter + "; put the IdP's new certificate in "
                + where;
    }

    private static String expiring(String subject, Instant notAfter, String when, String where) {
        return "the SAML signing certificate" + subject + " expires on " + notAfter + ", " + when
                + "; get the IdP's next certificate and put it in " + where + " before then";
    }

    public Duration window() { return window; }

    static Instant notAfter(IdentityConnectionStatus status) {
        if (status.signingCertificate == null || status.signingCertificate.notAfter == null) {
            return null;
        }
        try {
            return Instant.parse(status.signingCertificate.notAfter);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String secretRef(IdentityConnection connection) {
        var saml = connection.getSpec() == null ? null : connection.getSpec().saml;
        if (saml != null && saml.signingCertificateRef == null && saml.metadataUrl != null) {
            return "the IdP's metadata at " + saml.metadataUrl + " (the IdP must publish it there; it is read again "
                    + "every sync interval)";
        }
        if (saml == null || saml.signingCertificateRef == null) {
            return "the Secret named by spec.saml.signingCertificateRef";
        }
        return "Secret " + saml.signingCertificateRef.name + " (key " + saml.signingCertificateRef.key + ")";
    }

    private static String days(Duration d) {
        long days = d.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = Math.max(0, d.toHours());
        return hours + (hours == 1 ? " hour" : " hours");
    }

    /** 30d, 720h, 1h30m or an ISO-8601 duration (P30D); anything else is a configuration error. */
    static Duration parseWindow(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return DEFAULT_WINDOW;
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t.toUpperCase());
        }
        Matcher m = SIMPLE.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw new IllegalArgumentException("federator.certificate-expiry-warning: '" + text
                    + "' is not a duration; use e.g. 30d, 720h or P30D");
        }
        return total;
    }
}
