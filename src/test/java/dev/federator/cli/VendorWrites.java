package dev.federator.cli;

import dev.federator.sandbox.SimulatorFleet;
import dev.federator.sim.CallLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requests that changed something on a simulator: everything but GETs, token requests and DevRev's read calls,
 * which its API makes with POST.
 */
final class VendorWrites {
    private VendorWrites() {}

    static boolean isWrite(CallLog.Call call) {
        String route = call.route();
        return call.isWrite() && !route.endsWith("/token") && !route.endsWith(".list") && !route.endsWith(".get");
    }

    /** vendor: route for every write since the last reset. */
    static List<String> of(SimulatorFleet fleet) {
        List<String> writes = new ArrayList<>();
        for (Map.Entry<String, String> vendor : fleet.describe().entrySet()) {
            calls(fleet, vendor.getKey()).calls().stream().filter(VendorWrites::isWrite)
                    .forEach(c -> writes.add(vendor.getKey() + ": " + c));
        }
        return writes;
    }

    /** Number of requests of any kind since the last reset, over all simulators. */
    static int requests(SimulatorFleet fleet) {
        return fleet.describe().keySet().stream().mapToInt(v -> calls(fleet, v).count()).sum();
    }

    static void reset(SimulatorFleet fleet) { fleet.describe().keySet().forEach(v -> calls(fleet, v).reset()); }

    static CallLog calls(SimulatorFleet fleet, String vendor) { return fleet.simulator(vendor).calls(); }
}
