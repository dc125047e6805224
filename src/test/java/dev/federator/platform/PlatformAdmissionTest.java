package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformAdmissionTest {
    private final PlatformAdmission admission = new PlatformAdmission(4);
    private final List<ResourceID> woken = new ArrayList<>();
    private static final long EMPTY_BUCKET = -3; // three calls already waiting for a token

    PlatformAdmissionTest() { admission.onWakeUp(woken::add); }

    private static ResourceID id(String name) { return new ResourceID(name, "ns"); }

    private List<PlatformAdmission.Slot> fill(String platform) {
        List<PlatformAdmission.Slot> slots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slots.add(admission.enter(platform, id(platform + i), () -> EMPTY_BUCKET).orElseThrow());
        }
        return slots;
    }

    @Test
    void aPlatformWithAnEmptyBucketAdmitsOnlyAFewReconcilesAtOnce() {
        fill("kc");
        assertThat(admission.enter("kc", id("late"), () -> EMPTY_BUCKET)).as("parked, not one more thread waiting")
                .isEmpty();
        assertThat(admission.inFlight("kc")).isEqualTo(4);
        assertThat(admission.parked("kc")).isEqualTo(1);
    }

    @Test
    void eachReconcileLeavingWakesTheNextParkedOneInArrivalOrder() {
        List<PlatformAdmission.Slot> slots = fill("kc");
        admission.enter("kc", id("a"), () -> EMPTY_BUCKET);
        admission.enter("kc", id("b"), () -> EMPTY_BUCKET);
        admission.enter("kc", id("a"), () -> EMPTY_BUCKET); // a recheck of a parked one keeps its place
        assertThat(woken).isEmpty();
        slots.get(0).close();
        assertThat(woken).containsExactly(id("a"));
        slots.get(1).close();
        assertThat(woken).containsExactly(id("a"), id("b"));
        assertThat(admission.parked("kc")).isZero();
    }

    @Test
    void aWokenReconcileFindsItsSeatKeptAndNewcomersDoNotGetIt() {
        List<PlatformAdmission.Slot> slots = fill("kc");
        admission.enter("kc", id("parked"), () -> EMPTY_BUCKET);
        slots.get(0).close();
        assertThat(admission.inFlight("kc")).as("the seat is held while the wake-up travels").isEqualTo(4);
        assertThat(admission.enter("kc", id("newcomer"), () -> EMPTY_BUCKET)).isEmpty();
        assertThat(admission.enter("kc", id("parked"), () -> EMPTY_BUCKET)).as("its turn came").isPresent();
        assertThat(admission.inFlight("kc")).isEqualTo(4);
    }

    @Test
    void wakeUpsNeverLetAPlatformGrowPastItsBound() {
        List<PlatformAdmission.Slot> slots = new ArrayList<>(fill("kc"));
        for (int i = 0; i < 100; i++) {
            admission.enter("kc", id("p" + i), () -> EMPTY_BUCKET);
        }
        for (int round = 0; round < 50; round++) {
            slots.remove(0).close();
            ResourceID next = woken.get(woken.size() - 1);
            admission.enter("kc", id("newcomer" + round), () -> EMPTY_BUCKET);
            slots.add(admission.enter("kc", next, () -> EMPTY_BUCKET).orElseThrow());
            assertThat(admission.inFlight("kc")).isEqualTo(4);
        }
    }

    @Test
    void aSeatKeptForADeletedConnectionGoesToTheNext() {
        List<PlatformAdmission.Slot> slots = fill("kc");
        admission.enter("kc", id("gone"), () -> EMPTY_BUCKET);
        admission.enter("kc", id("next"), () -> EMPTY_BUCKET);
        slots.get(0).close();
        admission.forget(id("gone"));
        assertThat(woken).containsExactly(id("gone"), id("next"));
        assertThat(admission.inFlight("kc")).isEqualTo(4);
    }

    @Test
    void aDeletedConnectionLeavesTheLine() {
        List<PlatformAdmission.Slot> slots = fill("kc");
        admission.enter("kc", id("gone"), () -> EMPTY_BUCKET);
        admission.enter("kc", id("next"), () -> EMPTY_BUCKET);
        admission.forget(id("gone"));
        slots.get(0).close();
        assertThat(woken).containsExactly(id("next"));
    }

    @Test
    void beyondTheFewAPlatformAdmitsOnlyAsManyAsItHasSpareCalls() {
        fill("kc");
        assertThat(admission.enter("kc", id("x"), () -> 2)).isPresent();
        assertThat(admission.enter("kc", id("y"), () -> 2)).isPresent();
        assertThat(admission.enter("kc", id("z"), () -> 2)).as("two spare calls, two extra reconciles").isEmpty();
        assertThat(admission.enter("kc", id("z"), () -> 1)).as("one free token is not room for a sixth").isEmpty();
    }

    @Test
    void aBusyPlatformDoesNotHoldBackAnother() {
        fill("kc");
        assertThat(admission.enter("auth0", id("x"), () -> EMPTY_BUCKET)).isPresent();
    }

    @Test
    void theRecheckOfAParkedReconcileIsASafetyNetNotAPoll() {
        assertThat(admission.parkedRecheck()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(75));
    }
}
