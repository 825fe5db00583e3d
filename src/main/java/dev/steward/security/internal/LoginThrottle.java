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
 * Slows password guessing without handing anyone a lever to lock a real user out:
 * <ul>
 * <li>per (username, address) pair: after {@code freeFailures} failures the pair waits {@code firstDelay},
 * doubling with each further failure up to {@code maxDelay}. A user typing from elsewhere is not affected.</li>
 * <li>per username: many failures from many addresses lock the account, which only makes every failing pair wait
 * from its first failure. A correct password (and, once there is one, the second factor) or an admin lifts it.</li>
 * <li>per address: a ceiling high enough for a proxy full of users, against spraying many usernames.</li>
 * </ul>
 * In memory: a restart forgets everything, which only resets an attacker's budget once.
 */
@Component
class LoginThrottle {

	/** Bound on the failures remembered per pair; the delay is capped long before. */
	private static final int PAIR_MEMORY = 64;

	private final LoginThrottleProperties properties;

	private final Clock clock;

	private final Map<String, Track> keys = new ConcurrentHashMap<>();

	@Autowired
	LoginThrottle(LoginThrottleProperties properties) {
		this(properties, Clock.systemUTC());
	}

	LoginThrottle(LoginThrottleProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** How long this username from this address must wait before its password is looked at again, if at all. */
	Optional<Duration> mustWait(String username, @Nullable String address) {
		Instant now = clock.instant();
		Duration pair = pairWait(username, address, now);
		Duration ceiling = addressWait(address, now);
		Duration longest = pair.compareTo(ceiling) >= 0 ? pair : ceiling;
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	void failed(String username, @Nullable String address) {
		Instant now = clock.instant();
		String source = address == null ? "unknown" : address;
		record(pairKey(username, source), now, source, PAIR_MEMORY);
		record(addressKey(source), now, source, properties.maxFailuresPerAddress());
		Track account = record(accountKey(username), now, source, properties.accountLockFailures());
		synchronized (account) {
			if (account.failures.size() >= properties.accountLockFailures()
					&& account.failures.stream().map(Failure::address).distinct().count() >= properties
						.accountLockAddresses()) {
				account.lockedUntil = now.plus(properties.accountLockout());
			}
		}
		if (keys.size() > properties.maxTrackedKeys()) {
			evict(now);
		}
	}

	/** A correct password: this pair starts afresh and the account lock, if any, is lifted. */
	void succeeded(String username, @Nullable String address) {
		keys.remove(pairKey(username, address == null ? "unknown" : address));
		keys.remove(accountKey(username));
	}

	/** Until when the account is locked, if it is. */
	Optional<Instant> accountLockedUntil(String username) {
		Track account = keys.get(accountKey(username));
		if (account == null) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		synchronized (account) {
			return account.lockedUntil != null && account.lockedUntil.isAfter(now) ? Optional.of(account.lockedUntil)
					: Optional.empty();
		}
	}

	/** An admin's unlock: forgets the username's failures from every address. Whether it was locked. */
	boolean unlock(String username) {
		boolean locked = accountLockedUntil(username).isPresent();
		keys.remove(accountKey(username));
		String pairs = pairKey(username, "");
		keys.keySet().removeIf(key -> key.startsWith(pairs));
		return locked;
	}

	/** Forgets all failures and locks (tests share one application context). */
	void forgetAll() {
		keys.clear();
	}

	int trackedKeys() {
		return keys.size();
	}

	private Duration pairWait(String username, @Nullable String address, Instant now) {
		Track pair = keys.get(pairKey(username, address == null ? "unknown" : address));
		if (pair == null) {
			return Duration.ZERO;
		}
		int free = accountLockedUntil(username).isPresent() ? Math.min(1, properties.freeFailures())
				: properties.freeFailures();
		synchronized (pair) {
			prune(pair, now);
			int failures = pair.failures.size();
			if (failures == 0 || failures < free) {
				return Duration.ZERO;
			}
			Duration delay = delayAfter(failures - Math.max(free, 1));
			Duration left = Duration.between(now, pair.failures.peekLast().at().plus(delay));
			return left.isNegative() ? Duration.ZERO : left;
		}
	}

	/** {@code firstDelay} doubled {@code doublings} times, at most {@code maxDelay}. */
	Duration delayAfter(int doublings) {
		Duration delay = properties.firstDelay().multipliedBy(1L << Math.min(doublings, 30));
		return delay.compareTo(properties.maxDelay()) > 0 || delay.isNegative() ? properties.maxDelay() : delay;
	}

	private Duration addressWait(@Nullable String address, Instant now) {
		Track track = keys.get(addressKey(address == null ? "unknown" : address));
		if (track == null) {
			return Duration.ZERO;
		}
		synchronized (track) {
			prune(track, now);
			if (track.failures.size() < properties.maxFailuresPerAddress()) {
				return Duration.ZERO;
			}
			// the oldest counted failure leaving the window brings the address below its ceiling
			return Duration.between(now, track.failures.peekFirst().at().plus(properties.window()));
		}
	}

	private Track record(String key, Instant now, String address, int memory) {
		Track track = keys.computeIfAbsent(key, k -> new Track());
		synchronized (track) {
			prune(track, now);
			track.failures.addLast(new Failure(now, address));
			while (track.failures.size() > memory) {
				track.failures.pollFirst();
			}
			track.lastActivity = now;
		}
		return track;
	}

	private void prune(Track track, Instant now) {
		Instant horizon = now.minus(properties.window());
		while (!track.failures.isEmpty() && !track.failures.peekFirst().at().isAfter(horizon)) {
			track.failures.pollFirst();
		}
	}

	/** Drops keys that no longer matter; if that is not enough, the least recently active ones. */
	private void evict(Instant now) {
		Instant horizon = now.minus(properties.window());
		keys.entrySet().removeIf(e -> {
			Track t = e.getValue();
			synchronized (t) {
				boolean locked = t.lockedUntil != null && t.lockedUntil.isAfter(now);
				return !locked && !t.lastActivity.isAfter(horizon);
			}
		});
		int excess = keys.size() - properties.maxTrackedKeys();
		if (excess > 0) {
			keys.entrySet()
				.stream()
				.sorted(Comparator.comparing(e -> e.getValue().lastActivity))
				.limit(excess + properties.maxTrackedKeys() / 10)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(keys::remove);
		}
	}

	private static String accountKey(String username) {
		return "u:" + username.toLowerCase(Locale.ROOT);
	}

	/** The newline cannot occur in a username (the login request refuses control characters). */
	private static String pairKey(String username, String address) {
		return "p:" + username.toLowerCase(Locale.ROOT) + "\n" + address;
	}

	private static String addressKey(String address) {
		return "a:" + address;
	}

	private record Failure(Instant at, String address) {
	}

	private static final class Track {

		final ArrayDeque<Failure> failures = new ArrayDeque<>();

		@Nullable Instant lockedUntil;

		volatile Instant lastActivity = Instant.EPOCH;
	}
}
