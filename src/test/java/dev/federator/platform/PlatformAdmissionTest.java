package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformAdmissionTest {
    private final PlatformAdmission admission = new PlatformAdmission(4);
    private static final Duration EMPTY_BUCKET = Duration.ofMillis(50);

    private List<PlatformAdmission.Slot> fill(String platform) {
        List<PlatformAdmission.Slot> slots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slots.add(admission.enter(platform, () -> EMPTY_BUCKET).orElseThrow());
        }
        return slots;
    }

    @Test
    void aPlatformWithAnEmptyBucketAdmitsOnlyAFewReconcilesAtOnce() {
        List<PlatformAdmission.Slot> slots = fill("kc");
        assertThat(admission.enter("kc", () -> EMPTY_BUCKET)).as("deferred, not one more thread waiting").isEmpty();
        assertThat(admission.inFlight("kc")).isEqualTo(4);
        slots.get(0).close();
        assertThat(admission.enter("kc", () -> EMPTY_BUCKET)).as("a freed slot is taken again").isPresent();
    }

    @Test
    void aPlatformWithTokensToSpareAdmitsEveryone() {
        fill("kc");
        assertThat(admission.enter("kc", () -> Duration.ZERO)).isPresent();
    }

    @Test
    void aBusyPlatformDoesNotHoldBackAnother() {
        fill("kc");
        assertThat(admission.enter("auth0", () -> EMPTY_BUCKET)).isPresent();
    }

    @Test
    void deferralsAreShortAndBounded() {
        assertThat(admission.deferral(Duration.ZERO)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(admission.deferral(Duration.ofMinutes(5))).isLessThanOrEqualTo(Duration.ofMillis(7_500));
    }
}
