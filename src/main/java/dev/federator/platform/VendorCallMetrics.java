package dev.federator.platform;

import dev.federator.provider.kit.CallObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Vendor calls as Prometheus metrics, labelled by vendor, operation and status only (never a URL or a name). */
final class VendorCallMetrics implements CallObserver {
    private final MeterRegistry registry;
    private final String vendor;

    VendorCallMetrics(MeterRegistry registry, String vendor) {
        this.registry = registry;
        this.vendor = vendor;
    }

    @Override
    public void onCall(String operation, int status, Duration latency) {
        Timer.builder("federator.vendor.calls").description("Calls to vendor APIs")
                .tag("vendor", vendor).tag("operation", operation)
                .tag("status", status == 0 ? "none" : Integer.toString(status))
                .register(registry).record(latency);
    }

    @Override
    public void onRateLimitWait(Duration waited) {
        Timer.builder("federator.vendor.ratelimit.wait").description("Time spent waiting for a platform's rate limit")
                .tag("vendor", vendor).register(registry).record(waited);
    }
}
