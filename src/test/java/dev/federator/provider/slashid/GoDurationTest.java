package dev.federator.provider.slashid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void readsGoDurationsAsTimeParseDurationDoes() {
        assertThat(GoDuration.parse("300s")).contains(Duration.ofMinutes(5));
        assertThat(GoDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("2.5h")).contains(Duration.ofMinutes(150));
        assertThat(GoDuration.parse("1m0.5s")).contains(Duration.ofMillis(60_500));
        assertThat(GoDuration.parse("-1h")).contains(Duration.ofHours(-1));
        assertThat(GoDuration.parse("0")).contains(Duration.ZERO);
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String text : new String[] {"", "720", "30d", "1 h", "h", "1h-5m", "99999999999999999999h"}) {
            assertThat(GoDuration.parse(text)).as(text).isEmpty();
        }
        assertThat(GoDuration.parse(null)).isEmpty();
    }
}
