package dev.federator.provider.kit;

import dev.federator.provider.spi.RatePolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.sim.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A platform with work sends as fast as its bucket allows, and each request arrives a little late: a few ms, or up
 * to {@link #STALL} when the first burst of a round is held up (a new connection, a GC pause on either side). The vendor's bucket has the declared rate and burst; counted: the 429s it answers. The work comes
 * in rounds with quiet gaps, as after each 429 pause: then both buckets are full, and the vendor's, capped at its
 * burst, loses the refill that ours spends while the first requests are still on their way.
 */
class RateHeadroomTest {
    private static final RatePolicy DECLARED = new RatePolicy(20, 20);
    private static final Duration STALL = Duration.ofMillis(300);
    private static final Duration JITTER = Duration.ofMillis(20);

    @Test
    void halfTheBurstKeptAsHeadroomAbsorbsNetworkJitter() {
        assertThat(PacedHttp.ownBurst(DECLARED)).isEqualTo(10);
        assertThat(rejected(PacedHttp.bandwidth(DECLARED))).isZero();
    }

    @Test
    void theVendorsWholeBurstWouldMeetItsLimit() {
        Bandwidth whole = Bandwidth.builder().capacity(20).refillGreedy(2000, Duration.ofSeconds(100))
                .initialTokens(20).build();
        assertThat(rejected(whole)).as("the control: without headroom, jitter turns the pace into 429s")
                .isGreaterThan(20);
    }

    @Test
    void aBurstOfOneStaysOne() {
        assertThat(PacedHttp.ownBurst(new RatePolicy(5, 1))).isEqualTo(1);
        assertThat(PacedHttp.ownBurst(new RatePolicy(5, 3))).isEqualTo(1);
    }

    /** 20 rounds of 40 requests paced by {@code ours}, 2 s apart. */
    private static int rejected(Bandwidth ours) {
        long[] now = {0};
        Bucket client = Bucket.builder().addLimit(ours).withCustomTimePrecision(new TimeMeter() {
            @Override
            public long currentTimeNanos() { return now[0]; }

            @Override
            public boolean isWallClockBased() { return false; }
        }).build();
        Random network = new Random(42);
        List<Long> arrivals = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            long start = Math.max(now[0], Duration.ofSeconds(2L * round).toNanos());
            long stall = (long) (network.nextDouble() * STALL.toNanos());
            now[0] = start;
            for (int i = 0; i < 40; i++) {
                now[0] += client.estimateAbilityToConsume(1).getNanosToWaitForRefill();
                assertThat(client.tryConsume(1)).isTrue();
                long delay = (long) (network.nextDouble() * JITTER.toNanos());
                arrivals.add(now[0] + (now[0] == start ? Math.max(stall, delay) : delay));
            }
        }
        Collections.sort(arrivals);
        long[] at = {0};
        RateLimit vendor = RateLimit.of(DECLARED.requestsPerSecond(), DECLARED.burst(), () -> at[0]);
        int rejected = 0;
        for (long arrival : arrivals) {
            at[0] = arrival;
            if (vendor.tryAcquire().isPresent()) {
                rejected++;
            }
        }
        return rejected;
    }
}
