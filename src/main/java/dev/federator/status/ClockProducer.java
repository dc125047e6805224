package dev.federator.status;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** One clock for the operator, replaceable in tests. */
public class ClockProducer {
    @Produces
    @Singleton
    Clock clock() { return Clock.systemUTC(); }
}
