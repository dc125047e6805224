package dev.federator.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.federator.provider.fake.FakeVendorClient;
import dev.federator.provider.kit.JsonTree;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When new connections are answered from a listing of their platform rather than read one by one. */
class RemoteSnapshotsTest {
    private static final String PLATFORM = "ns/fake";
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final MovableClock clock = new MovableClock();
    private final RemoteSnapshots snapshots = new RemoteSnapshots(clock);
    private final FakeVendorClient vendor = new FakeVendorClient(false);

    RemoteSnapshotsTest() { vendor.listable = true; }

    @Test
    void aPlatformNeverListedIsListedOnlyOnceNewConnectionsHaveCostAsMuchInReads() {
        for (int i = 0; i < NewConnectionReads.UNKNOWN_LISTING_COST; i++) {
            assertThat(snapshots.findNew(PLATFORM, vendor, "c" + i, WINDOW)).as("read %d directly", i).isEmpty();
            snapshots.readNewDirectly(PLATFORM, WINDOW);
        }
        assertThat(vendor.lists).isZero();
        assertThat(snapshots.findNew(PLATFORM, vendor, "next", WINDOW)).contains(java.util.Optional.empty());
        assertThat(vendor.lists).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            assertThat(snapshots.findNew(PLATFORM, vendor, "more" + i, WINDOW)).contains(java.util.Optional.empty());
        }
        assertThat(vendor.lists).as("a fresh listing answers every new connection").isEqualTo(1);
    }

    @Test
    void onceListedTheRealPageCountDecidesAndReadsSpreadOverMoreThanAWindowNeverList() {
        for (int i = 0; i < 250; i++) {
            vendor.store.put("existing" + i, JsonTree.object().put("id", "id" + i).put("name", "existing" + i));
        }
        snapshots.find(PLATFORM, vendor, "existing0", Duration.ofMinutes(1), null); // a drift check listed 3 pages
        clock.advance(WINDOW.plusSeconds(1));
        for (int i = 0; i < 6; i++) {
            // Two reads per window: never as much as a 3-page listing.
            assertThat(snapshots.findNew(PLATFORM, vendor, "sparse" + i, WINDOW)).isEmpty();
            snapshots.readNewDirectly(PLATFORM, WINDOW);
            clock.advance(WINDOW.dividedBy(2).plusSeconds(1));
        }
        assertThat(vendor.lists).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(snapshots.findNew(PLATFORM, vendor, "bulk" + i, WINDOW)).isEmpty();
            snapshots.readNewDirectly(PLATFORM, WINDOW);
        }
        assertThat(snapshots.findNew(PLATFORM, vendor, "existing7", WINDOW)).hasValueSatisfying(listed ->
                assertThat(listed).isPresent());
        assertThat(vendor.lists).as("three reads in a window paid for a 3-page listing").isEqualTo(2);
    }

    @Test
    void ourOwnCreatesAreInTheListingAndADeletedOneIsNot() {
        snapshots.find(PLATFORM, vendor, "x", Duration.ofMinutes(1), null);
        snapshots.written(PLATFORM, new dev.federator.provider.spi.RemoteConnection("id-a", "a", JsonTree.object()));
        assertThat(snapshots.findNew(PLATFORM, vendor, "a", WINDOW)).hasValueSatisfying(l -> assertThat(l).isPresent());
        snapshots.forget(PLATFORM, "a");
        assertThat(snapshots.findNew(PLATFORM, vendor, "a", WINDOW)).contains(java.util.Optional.empty());
        assertThat(vendor.lists).isEqualTo(1);
    }

    @Test
    void aVendorWithoutAListingIsAlwaysReadDirectly() {
        vendor.listable = false;
        for (int i = 0; i < 20; i++) {
            assertThat(snapshots.findNew(PLATFORM, vendor, "c" + i, WINDOW)).isEmpty();
            snapshots.readNewDirectly(PLATFORM, WINDOW);
        }
        assertThat(vendor.lists).isZero();
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-02T00:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(Duration by) { now = now.plus(by); }
    }
}
