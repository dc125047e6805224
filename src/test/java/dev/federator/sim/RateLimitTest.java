package dev.federator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimit limit = new RateLimit(2, 3, nanos::get);

    @Test
    void allowsTheBurstThenTellsHowLongUntilTheNextToken() {
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isEmpty();

        assertThat(limit.tryAcquire()).hasValue(Duration.ofMillis(500));
        assertThat(limit.rejected()).isEqualTo(1);
    }

    @Test
    void refillsAtTheConfiguredRateButNeverBeyondTheBurst() {
        for (int i = 0; i < 3; i++) {
            limit.tryAcquire();
        }
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isPresent();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryAcquire()).isEmpty();
        }
        assertThat(limit.tryAcquire()).isPresent();
    }

    @Test
    void reportsWhatIsLeftAndWhenTheBucketIsFullAgain() {
        assertThat(limit.available()).isEqualTo(3);
        assertThat(limit.untilFull()).isEqualTo(Duration.ZERO);
        limit.tryAcquire();
        limit.tryAcquire();
        assertThat(limit.available()).isEqualTo(1);
        assertThat(limit.untilFull()).isEqualTo(Duration.ofSeconds(1));
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limit.available()).isEqualTo(2);
    }
}
