package cn.incubation.ledger.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The lockout rules on a clock the test moves: who is locked, for how long, and what clears it. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(
            new LedgerSecurityProperties.Login(3, 5, Duration.ofSeconds(1), Duration.ofSeconds(10)), clock);

    @Test
    void aUsernameIsLockedAfterItsFreeFailuresForATimeThatDoublesUpToTheLongest() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.2");
        assertThat(throttle.lockedFor("alice", "10.0.0.3")).isZero();
        throttle.failed("alice", "10.0.0.3");
        assertThat(throttle.lockedFor("alice", "10.0.0.4")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("ALICE", "10.0.0.4")).as("names in any case").isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("bob", "10.0.0.4")).as("another user").isZero();

        throttle.failed("alice", "10.0.0.4");
        assertThat(throttle.lockedFor("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(2));
        throttle.failed("alice", "10.0.0.5");
        throttle.failed("alice", "10.0.0.6");
        throttle.failed("alice", "10.0.0.7");
        assertThat(throttle.lockedFor("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(10));

        now = now.plusSeconds(10);
        assertThat(throttle.lockedFor("alice", "10.0.0.9")).as("the lock has passed").isZero();
    }

    @Test
    void aSuccessClearsItsUsernameButNotItsAddress() {
        for (String name : new String[] {"a1", "a2", "a3", "a4", "a5"}) {
            throttle.failed(name, "10.0.0.1");
        }
        assertThat(throttle.lockedFor("someone-else", "10.0.0.1")).as("guesses at many names from one address")
                                                                     .isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("someone-else", "10.0.0.2")).isZero();

        throttle.failed("carol", "10.0.0.2");
        throttle.failed("carol", "10.0.0.2");
        throttle.succeeded("carol");
        throttle.failed("carol", "10.0.0.2");
        assertThat(throttle.lockedFor("carol", "10.0.0.3")).as("the count started again").isZero();
    }

    @Test
    void failuresLongAgoAreForgotten() {
        throttle.failed("dave", "10.0.0.1");
        throttle.failed("dave", "10.0.0.1");
        now = now.plus(Duration.ofHours(2));
        throttle.failed("dave", "10.0.0.1");
        assertThat(throttle.lockedFor("dave", "10.0.0.1")).isZero();
    }
}
