package dev.federator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final String PUT = "PUT /things/:id";
    private static final String GET = "GET /things/:id";

    @Test
    void faultsAreTakenInTheOrderTheyWereArmedThenRequestsPassThrough() {
        Faults faults = new Faults().failNext(2, 503).throttleNext(1, Duration.ofSeconds(1), true).resetNext(1);

        assertThat(faults.take(GET).status()).isEqualTo(503);
        assertThat(faults.take(GET).status()).isEqualTo(503);
        assertThat(faults.take(GET).kind()).isEqualTo(Faults.Kind.THROTTLE);
        assertThat(faults.take(GET).kind()).isEqualTo(Faults.Kind.RESET);
        assertThat(faults.take(GET)).isNull();
        assertThat(faults.injected()).isEqualTo(4);
        assertThat(faults.injected(Faults.Kind.FAIL)).isEqualTo(2);
    }

    @Test
    void scopedFaultsWaitForAMatchingRoute() {
        Faults faults = new Faults().onlyFor(route -> route.startsWith("PUT ")).delayNext(1, Duration.ofMillis(10));

        assertThat(faults.take(GET)).isNull();
        assertThat(faults.take(PUT).kind()).isEqualTo(Faults.Kind.DELAY);
        assertThat(faults.pending()).isZero();
    }

    @Test
    void clearDropsPendingFaultsScopeAndCounters() {
        Faults faults = new Faults().onlyFor(route -> false).failNext(3, 500);
        faults.clear();

        assertThat(faults.pending()).isZero();
        assertThat(faults.injected()).isZero();
        faults.failNext(1, 500);
        assertThat(faults.take(GET)).isNotNull();
    }
}
