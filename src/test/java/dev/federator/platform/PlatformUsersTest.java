package dev.federator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A platform waits for its connections, and for the connection cache before anyone can tell. */
class PlatformUsersTest {
    @Test
    void holdsWhileTheCacheIsUnknownOrAConnectionUsesThePlatform() {
        PlatformUsers users = new PlatformUsers(Clock.systemUTC());
        assertThat(users.holdOn("team-a/kc", false)).as("not synced yet").isPresent();

        users.publish((key, clusterScoped) -> !clusterScoped && key.equals("team-a/kc") ? List.of("team-a/partner")
                : List.of());
        assertThat(users.holdOn("team-a/kc", false)).get().asString().contains("team-a/partner");
        assertThat(users.holdOn("team-a/kc", true)).as("a cluster platform of the same name").isEmpty();
        assertThat(users.holdOn("team-b/kc", false)).isEmpty();

        users.publish(null);
        assertThat(users.holdOn("team-b/kc", false)).as("stopped: unknown again").isPresent();
    }

    @Test
    void looksAgainSoonWhileTheDeletionIsYoungAndLessOftenLater() {
        assertThat(PlatformUsers.recheckAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(PlatformUsers.recheckAfter(Duration.ofSeconds(50))).isEqualTo(Duration.ofSeconds(5));
        assertThat(PlatformUsers.recheckAfter(Duration.ofDays(3))).isEqualTo(Duration.ofSeconds(15));
    }
}
