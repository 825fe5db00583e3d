package dev.steward.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling, built so that failures cannot lock a real user out (see {@link LoginThrottle}).
 *
 * @param freeFailures failures of one username from one address before that pair must wait
 * @param firstDelay the first wait; each further failure doubles it
 * @param maxDelay the longest wait of a pair
 * @param window how long a failure counts
 * @param accountLockFailures failures of one username, from {@code accountLockAddresses} or more addresses, that
 * lock the account: then every failing pair waits from its first failure; a correct password or an admin lifts it
 * @param accountLockAddresses distinct addresses among those failures
 * @param accountLockout how long an account lock lasts unless lifted
 * @param maxFailuresPerAddress failures from one address (any usernames) within the window after which it must
 * wait; high, because a reverse proxy or NAT puts many people behind one address
 * @param maxTrackedKeys bound on remembered keys, so a flood of made-up usernames cannot exhaust memory
 */
@ConfigurationProperties("steward.security.login")
public record LoginThrottleProperties(@DefaultValue("3") int freeFailures, @DefaultValue("1s") Duration firstDelay,
		@DefaultValue("5m") Duration maxDelay, @DefaultValue("15m") Duration window,
		@DefaultValue("30") int accountLockFailures, @DefaultValue("5") int accountLockAddresses,
		@DefaultValue("15m") Duration accountLockout, @DefaultValue("500") int maxFailuresPerAddress,
		@DefaultValue("10000") int maxTrackedKeys) {

	public LoginThrottleProperties {
		if (freeFailures < 0 || accountLockFailures < 1 || accountLockAddresses < 1 || maxFailuresPerAddress < 1
				|| maxTrackedKeys < 10) {
			throw new IllegalArgumentException("steward.security.login limits must be positive");
		}
		for (Duration d : new Duration[] { firstDelay, maxDelay, window, accountLockout }) {
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("steward.security.login durations must be positive");
			}
		}
	}
}
