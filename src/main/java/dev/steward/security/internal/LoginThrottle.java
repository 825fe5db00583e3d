package dev.steward.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without handing anyone a lever to lock a real user out:
 * <ul>
 * <li>per (username, address) pair: after {@code freeFailures} failures the pair waits {@code firstDelay},
 * doubling with each further failure up to {@code maxDelay}. A user typing from elsewhere is not affected.</li>
 * <li>per username: many failures from many addresses lock the account, which only makes every failing pair wait
 * from its first failure. A correct password (and, once there is one, the second factor) or an admin lifts it.</li>
 * <li>per address: a ceiling high enough for a proxy full of users, against spraying many usernames.</li>
 * </ul>
 * The counters live in the metadata store ({@code login_failures}, {@code login_locks}), so all instances sharing
 * a PostgreSQL store count every failure together: an attacker gains nothing by spreading guesses over them.
 * Failures are only read within the window; older rows are deleted as new ones come in.
 */
@Component
class LoginThrottle {

	/** Bound on the failures counted per pair; the delay is capped long before. */
	private static final int PAIR_MEMORY = 64;

	private static final int MAX_TEXT = 256;

	private static final String PAIR = "P";

	private static final String ADDRESS = "A";

	private static final String ACCOUNT = "U";

	private final LoginThrottleProperties properties;

	private final JdbcClient jdbc;

	private final Clock clock;

	@Autowired
	LoginThrottle(LoginThrottleProperties properties, JdbcClient jdbc) {
		this(properties, jdbc, Clock.systemUTC());
	}

	LoginThrottle(LoginThrottleProperties properties, JdbcClient jdbc, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** How long this username from this address must wait before its password is looked at again, if at all. */
	Optional<Duration> mustWait(String username, @Nullable String address) {
		Instant now = clock.instant();
		Duration pair = pairWait(user(username), source(address), now);
		Duration ceiling = addressWait(source(address), now);
		Duration longest = pair.compareTo(ceiling) >= 0 ? pair : ceiling;
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	void failed(String username, @Nullable String address) {
		Instant now = clock.instant();
		String user = user(username);
		String source = source(address);
		long at = now.toEpochMilli();
		jdbc.sql("DELETE FROM login_failures WHERE failed_at <= ?").param(horizon(now)).update();
		for (String[] row : List.of(new String[] { PAIR, user }, new String[] { ADDRESS, "" },
				new String[] { ACCOUNT, user })) {
			jdbc.sql("INSERT INTO login_failures (kind, username, address, failed_at) VALUES (?, ?, ?, ?)")
				.params(row[0], row[1], source, at)
				.update();
		}
		List<String> recent = jdbc
			.sql("SELECT address FROM login_failures WHERE kind = ? AND username = ? AND failed_at > ? "
					+ "ORDER BY failed_at DESC, id DESC LIMIT ?")
			.params(ACCOUNT, user, horizon(now), properties.accountLockFailures())
			.query(String.class)
			.list();
		if (recent.size() >= properties.accountLockFailures()
				&& recent.stream().distinct().count() >= properties.accountLockAddresses()) {
			lock(user, now.plus(properties.accountLockout()).toEpochMilli());
		}
		if (trackedKeys() > properties.maxTrackedKeys()) {
			evict(now);
		}
	}

	/** A correct password: this pair starts afresh and the account lock, if any, is lifted. */
	void succeeded(String username, @Nullable String address) {
		String user = user(username);
		jdbc.sql("DELETE FROM login_failures WHERE (kind = ? AND username = ? AND address = ?) "
				+ "OR (kind = ? AND username = ?)").params(PAIR, user, source(address), ACCOUNT, user).update();
		jdbc.sql("DELETE FROM login_locks WHERE username = ?").param(user).update();
	}

	/** Until when the account is locked, if it is. */
	Optional<Instant> accountLockedUntil(String username) {
		return jdbc
			.sql("SELECT locked_until FROM login_locks WHERE username = ? AND locked_until > ? "
					+ "ORDER BY locked_until DESC LIMIT 1")
			.params(user(username), clock.instant().toEpochMilli())
			.query(Long.class)
			.optional()
			.map(Instant::ofEpochMilli);
	}

	/** An admin's unlock: forgets the username's failures from every address. Whether it was locked. */
	boolean unlock(String username) {
		boolean locked = accountLockedUntil(username).isPresent();
		String user = user(username);
		jdbc.sql("DELETE FROM login_locks WHERE username = ?").param(user).update();
		jdbc.sql("DELETE FROM login_failures WHERE kind IN (?, ?) AND username = ?").params(PAIR, ACCOUNT, user)
			.update();
		return locked;
	}

	/** Forgets all failures and locks (tests share one application context). */
	void forgetAll() {
		jdbc.sql("DELETE FROM login_failures").update();
		jdbc.sql("DELETE FROM login_locks").update();
	}

	/** Counters with failures in the store, plus account locks. */
	int trackedKeys() {
		int counters = jdbc.sql("SELECT COUNT(*) FROM (SELECT DISTINCT kind, username, address FROM login_failures "
				+ "WHERE kind <> ?) k").param(ACCOUNT).query(Integer.class).single();
		int accounts = jdbc.sql("SELECT COUNT(DISTINCT username) FROM login_failures WHERE kind = ?").param(ACCOUNT)
			.query(Integer.class).single();
		int locks = jdbc.sql("SELECT COUNT(DISTINCT username) FROM login_locks").query(Integer.class).single();
		return counters + accounts + locks;
	}

	private Duration pairWait(String user, String source, Instant now) {
		int free = accountLockedUntil(user).isPresent() ? Math.min(1, properties.freeFailures())
				: properties.freeFailures();
		List<Long> failures = jdbc
			.sql("SELECT failed_at FROM login_failures WHERE kind = ? AND username = ? AND address = ? "
					+ "AND failed_at > ? ORDER BY failed_at DESC LIMIT ?")
			.params(PAIR, user, source, horizon(now), PAIR_MEMORY)
			.query(Long.class)
			.list();
		if (failures.isEmpty() || failures.size() < free) {
			return Duration.ZERO;
		}
		Duration delay = delayAfter(failures.size() - Math.max(free, 1));
		Duration left = Duration.between(now, Instant.ofEpochMilli(failures.getFirst()).plus(delay));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** {@code firstDelay} doubled {@code doublings} times, at most {@code maxDelay}. */
	Duration delayAfter(int doublings) {
		Duration delay = properties.firstDelay().multipliedBy(1L << Math.min(doublings, 30));
		return delay.compareTo(properties.maxDelay()) > 0 || delay.isNegative() ? properties.maxDelay() : delay;
	}

	private Duration addressWait(String source, Instant now) {
		int ceiling = properties.maxFailuresPerAddress();
		// the oldest of the newest `ceiling` failures: its leaving the window brings the address below the ceiling
		Optional<Long> oldestCounted = jdbc
			.sql("SELECT failed_at FROM login_failures WHERE kind = ? AND address = ? AND failed_at > ? "
					+ "ORDER BY failed_at DESC LIMIT 1 OFFSET ?")
			.params(ADDRESS, source, horizon(now), ceiling - 1)
			.query(Long.class)
			.optional();
		if (oldestCounted.isEmpty()) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(now, Instant.ofEpochMilli(oldestCounted.get()).plus(properties.window()));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** A row per lock, the latest counting: another instance locking the same account at once needs no upsert. */
	private void lock(String user, long until) {
		jdbc.sql("INSERT INTO login_locks (username, locked_until) VALUES (?, ?)").params(user, until).update();
	}

	/** Drops what no longer matters; if that is not enough, the counters least recently failed. */
	private void evict(Instant now) {
		jdbc.sql("DELETE FROM login_locks WHERE locked_until <= ?").param(now.toEpochMilli()).update();
		int excess = trackedKeys() - properties.maxTrackedKeys();
		if (excess <= 0) {
			return;
		}
		List<Object[]> stale = jdbc
			.sql("SELECT kind, username, address FROM login_failures GROUP BY kind, username, address "
					+ "ORDER BY MAX(failed_at) LIMIT ?")
			.param(excess + properties.maxTrackedKeys() / 10)
			.query((rs, i) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list();
		for (Object[] key : stale) {
			jdbc.sql("DELETE FROM login_failures WHERE kind = ? AND username = ? AND address = ?").params(key)
				.update();
		}
	}

	private long horizon(Instant now) {
		return now.minus(properties.window()).toEpochMilli();
	}

	private static String user(String username) {
		return clip(username.toLowerCase(Locale.ROOT));
	}

	private static String source(@Nullable String address) {
		return address == null ? "unknown" : clip(address);
	}

	private static String clip(String text) {
		return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
	}
}
