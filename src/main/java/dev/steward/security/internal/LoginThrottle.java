package dev.steward.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username and per source IP in memory and locks a key that fails too often.
 * A restart forgets everything, which is acceptable: it only resets the attacker's budget once.
 */
@Component
class LoginThrottle {

	private final LoginThrottleProperties properties;

	private final Clock clock;

	private final Map<String, Attempts> keys = new ConcurrentHashMap<>();

	@Autowired
	LoginThrottle(LoginThrottleProperties properties) {
		this(properties, Clock.systemUTC());
	}

	LoginThrottle(LoginThrottleProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** How long until the caller may try again, if the username or the address is locked. */
	Optional<Duration> lockedFor(String username, @Nullable String sourceIp) {
		Instant now = clock.instant();
		Duration user = remaining(userKey(username), now);
		Duration ip = sourceIp == null ? Duration.ZERO : remaining(ipKey(sourceIp), now);
		Duration longest = user.compareTo(ip) >= 0 ? user : ip;
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	void failed(String username, @Nullable String sourceIp) {
		Instant now = clock.instant();
		count(userKey(username), properties.maxFailuresPerUser(), now);
		if (sourceIp != null) {
			count(ipKey(sourceIp), properties.maxFailuresPerIp(), now);
		}
		if (keys.size() > properties.maxTrackedKeys()) {
			evict(now);
		}
	}

	/** A correct password clears the username's failures; the address keeps its count. */
	void succeeded(String username) {
		keys.remove(userKey(username));
	}

	/** Forgets all failures and locks (tests share one application context). */
	void forgetAll() {
		keys.clear();
	}

	int trackedKeys() {
		return keys.size();
	}

	private Duration remaining(String key, Instant now) {
		Attempts attempts = keys.get(key);
		if (attempts == null) {
			return Duration.ZERO;
		}
		synchronized (attempts) {
			if (attempts.lockedUntil != null && attempts.lockedUntil.isAfter(now)) {
				return Duration.between(now, attempts.lockedUntil);
			}
			return Duration.ZERO;
		}
	}

	private void count(String key, int limit, Instant now) {
		Attempts attempts = keys.computeIfAbsent(key, k -> new Attempts());
		synchronized (attempts) {
			Instant horizon = now.minus(properties.window());
			while (!attempts.failures.isEmpty() && !attempts.failures.peekFirst().isAfter(horizon)) {
				attempts.failures.pollFirst();
			}
			attempts.failures.addLast(now);
			attempts.lastActivity = now;
			if (attempts.failures.size() >= limit) {
				attempts.lockedUntil = now.plus(properties.lockout());
				attempts.failures.clear();
			}
		}
	}

	/** Drops keys that no longer matter; if that is not enough, the least recently active ones. */
	private void evict(Instant now) {
		Instant horizon = now.minus(properties.window());
		keys.entrySet().removeIf(e -> {
			Attempts a = e.getValue();
			synchronized (a) {
				boolean locked = a.lockedUntil != null && a.lockedUntil.isAfter(now);
				return !locked && !a.lastActivity.isAfter(horizon);
			}
		});
		int excess = keys.size() - properties.maxTrackedKeys();
		if (excess > 0) {
			keys.entrySet().stream()
				.sorted(Comparator.comparing(e -> e.getValue().lastActivity))
				.limit(excess + properties.maxTrackedKeys() / 10)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(keys::remove);
		}
	}

	private static String userKey(String username) {
		return "u:" + username.toLowerCase(Locale.ROOT);
	}

	private static String ipKey(String ip) {
		return "ip:" + ip;
	}

	private static final class Attempts {

		final ArrayDeque<Instant> failures = new ArrayDeque<>();

		@Nullable Instant lockedUntil;

		volatile Instant lastActivity = Instant.EPOCH;
	}
}
