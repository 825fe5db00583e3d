package dev.steward.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

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

		void advance(Duration d) {
			now = now.plus(d);
		}
	}

	private final MutableClock clock = new MutableClock();

	/** A real store of its own: an in-memory H2 with Steward's migrations. */
	private static JdbcClient store() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return JdbcClient.create(dataSource);
	}

	/** 3 free failures, 1 s doubling to 8 s, lock at 6 failures from 3 addresses, ceiling 10 per address. */
	private static final LoginThrottleProperties PROPERTIES = new LoginThrottleProperties(3, Duration.ofSeconds(1),
			Duration.ofSeconds(8), Duration.ofMinutes(15), 6, 3, Duration.ofMinutes(10), 10, 40);

	private final JdbcClient store = store();

	private final LoginThrottle throttle = new LoginThrottle(PROPERTIES, store, clock);

	@Test
	void instancesSharingAStoreCountEveryFailureTogether() {
		LoginThrottle other = new LoginThrottle(PROPERTIES, store, clock);
		throttle.failed("ivy", "10.0.3.1");
		other.failed("ivy", "10.0.3.1");
		assertThat(throttle.mustWait("ivy", "10.0.3.1")).isEmpty();
		throttle.failed("ivy", "10.0.3.1");
		assertThat(other.mustWait("ivy", "10.0.3.1")).as("three failures counted over two instances")
			.contains(Duration.ofSeconds(1));
		for (int i = 0; i < 6; i++) {
			(i % 2 == 0 ? throttle : other).failed("ivy", "10.0.4." + (i % 3));
		}
		assertThat(other.accountLockedUntil("ivy")).isPresent();
		throttle.succeeded("ivy", "10.0.9.1");
		assertThat(other.accountLockedUntil("ivy")).as("a correct password on one lifts the lock on all").isEmpty();
	}

	@Test
	void aPairWaitsLongerAfterEachFailureBeyondTheFreeOnes() {
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.mustWait("bob", "10.0.0.1")).isEmpty();
			throttle.failed("bob", "10.0.0.1");
		}
		assertThat(throttle.mustWait("BOB", "10.0.0.1")).contains(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		assertThat(throttle.mustWait("bob", "10.0.0.1")).isEmpty();
		throttle.failed("bob", "10.0.0.1");
		assertThat(throttle.mustWait("bob", "10.0.0.1")).contains(Duration.ofSeconds(2));
		clock.advance(Duration.ofSeconds(2));
		throttle.failed("bob", "10.0.0.1");
		assertThat(throttle.mustWait("bob", "10.0.0.1")).contains(Duration.ofSeconds(4));
		clock.advance(Duration.ofSeconds(4));
		throttle.failed("bob", "10.0.0.1");
		clock.advance(Duration.ofSeconds(8));
		throttle.failed("bob", "10.0.0.1");
		assertThat(throttle.mustWait("bob", "10.0.0.1")).as("capped").contains(Duration.ofSeconds(8));
	}

	@Test
	void anotherAddressOfTheSameUserDoesNotWait() {
		for (int i = 0; i < 5; i++) {
			throttle.failed("carol", "10.0.0.66");
		}
		assertThat(throttle.mustWait("carol", "10.0.0.66")).isPresent();
		assertThat(throttle.mustWait("carol", "192.168.1.5")).isEmpty();
		assertThat(throttle.mustWait("someone-else", "10.0.0.66")).isEmpty();
		assertThat(throttle.accountLockedUntil("carol")).as("one address never locks the account").isEmpty();
	}

	@Test
	void failuresOutsideTheWindowDoNotCount() {
		for (int i = 0; i < 3; i++) {
			throttle.failed("dave", "10.0.0.2");
		}
		clock.advance(Duration.ofMinutes(16));
		assertThat(throttle.mustWait("dave", "10.0.0.2")).isEmpty();
		throttle.failed("dave", "10.0.0.2");
		assertThat(throttle.mustWait("dave", "10.0.0.2")).isEmpty();
	}

	@Test
	void aSuccessClearsThePair() {
		for (int i = 0; i < 3; i++) {
			throttle.failed("erin", "10.0.0.3");
		}
		throttle.succeeded("erin", "10.0.0.3");
		throttle.failed("erin", "10.0.0.3");
		assertThat(throttle.mustWait("erin", "10.0.0.3")).isEmpty();
	}

	@Test
	void manyFailuresFromManyAddressesLockTheAccountUntilACorrectPassword() {
		for (int i = 0; i < 6; i++) {
			throttle.failed("frank", "10.0.1." + (i % 3));
		}
		assertThat(throttle.accountLockedUntil("frank")).contains(clock.now.plus(Duration.ofMinutes(10)));
		// while locked, a pair waits from its first failure; a clean address is still let through
		throttle.failed("frank", "10.0.2.1");
		assertThat(throttle.mustWait("frank", "10.0.2.1")).contains(Duration.ofSeconds(1));
		assertThat(throttle.mustWait("frank", "10.0.2.2")).isEmpty();
		throttle.succeeded("frank", "10.0.2.2");
		assertThat(throttle.accountLockedUntil("frank")).isEmpty();
	}

	@Test
	void theAccountLockEndsByItself() {
		for (int i = 0; i < 6; i++) {
			throttle.failed("gina", "10.0.1." + i);
		}
		assertThat(throttle.accountLockedUntil("gina")).isPresent();
		clock.advance(Duration.ofMinutes(10));
		assertThat(throttle.accountLockedUntil("gina")).isEmpty();
	}

	@Test
	void anAdminUnlockForgetsTheUserOnEveryAddress() {
		for (int i = 0; i < 6; i++) {
			throttle.failed("hank", "10.0.1." + (i % 3));
		}
		for (int i = 0; i < 3; i++) {
			throttle.failed("hank", "10.0.9.9");
		}
		assertThat(throttle.unlock("hank")).isTrue();
		assertThat(throttle.accountLockedUntil("hank")).isEmpty();
		assertThat(throttle.mustWait("hank", "10.0.9.9")).isEmpty();
		assertThat(throttle.unlock("hank")).isFalse();
	}

	@Test
	void anAddressSprayingManyNamesHitsItsCeiling() {
		for (int i = 0; i < 10; i++) {
			throttle.failed("spray-" + i, "10.0.0.7");
			clock.advance(Duration.ofSeconds(1));
		}
		assertThat(throttle.mustWait("anyone", "10.0.0.7")).contains(Duration.ofMinutes(15).minusSeconds(10));
		assertThat(throttle.mustWait("anyone", "10.0.0.8")).isEmpty();
	}

	@Test
	void staysBoundedUnderAFloodOfNames() {
		// five times the ceiling of 40 keys (each failure is a store round trip: more adds time, not evidence)
		for (int i = 0; i < 200; i++) {
			throttle.failed("flood-" + i, "10.0." + (i / 50) + "." + (i % 50));
			clock.now = clock.now.plusMillis(1);
		}
		assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(40);
	}
}
