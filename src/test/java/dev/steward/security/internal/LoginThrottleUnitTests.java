package dev.steward.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class LoginThrottleUnitTests {

	static final class MutableClock extends Clock {

		Instant now = Instant.parse("2026-01-01T00:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottleProperties(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10), 20), clock);

	@Test
	void locksAUserAfterTheLimitUntilTheLockoutEnds() {
		throttle.failed("Bob", "10.0.0.1");
		throttle.failed("bob", "10.0.0.2");
		assertThat(throttle.lockedFor("bob", "10.0.0.3")).isEmpty();
		throttle.failed("bob", "10.0.0.3");
		assertThat(throttle.lockedFor("BOB", "10.0.0.9")).contains(Duration.ofMinutes(10));
		clock.now = clock.now.plus(Duration.ofMinutes(9));
		assertThat(throttle.lockedFor("bob", null)).contains(Duration.ofMinutes(1));
		clock.now = clock.now.plus(Duration.ofMinutes(1));
		assertThat(throttle.lockedFor("bob", null)).isEmpty();
	}

	@Test
	void failuresOutsideTheWindowDoNotCount() {
		throttle.failed("carol", null);
		throttle.failed("carol", null);
		clock.now = clock.now.plus(Duration.ofMinutes(16));
		throttle.failed("carol", null);
		assertThat(throttle.lockedFor("carol", null)).isEmpty();
	}

	@Test
	void successResetsTheUserButNotTheAddress() {
		for (int i = 0; i < 2; i++) {
			throttle.failed("dave", "10.0.0.5");
		}
		throttle.succeeded("dave");
		throttle.failed("dave", "10.0.0.5");
		throttle.failed("dave", "10.0.0.5");
		assertThat(throttle.lockedFor("dave", null)).isEmpty();
		throttle.failed("erin", "10.0.0.5"); // fifth failure from the address
		assertThat(throttle.lockedFor("someone-else", "10.0.0.5")).isPresent();
		assertThat(throttle.lockedFor("someone-else", "10.0.0.6")).isEmpty();
	}

	@Test
	void staysBoundedUnderAFloodOfNames() {
		for (int i = 0; i < 1000; i++) {
			throttle.failed("flood-" + i, null);
			clock.now = clock.now.plusMillis(1);
		}
		assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(21);
	}
}
