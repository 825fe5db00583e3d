package dev.steward.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling. A key (username or source IP) that collects the given number of failures within
 * {@code window} is locked for {@code lockout}. The per-IP limit is higher than the per-user one because
 * several people may share an address (NAT, a bastion host).
 *
 * @param maxFailuresPerUser failures per username before it is locked
 * @param maxFailuresPerIp failures per source address before it is locked
 * @param window how long a failure counts
 * @param lockout how long a locked key stays locked
 * @param maxTrackedKeys bound on remembered keys, so a flood of made-up usernames cannot exhaust memory
 */
@ConfigurationProperties("steward.security.login")
public record LoginThrottleProperties(@DefaultValue("5") int maxFailuresPerUser,
		@DefaultValue("20") int maxFailuresPerIp, @DefaultValue("15m") Duration window,
		@DefaultValue("15m") Duration lockout, @DefaultValue("10000") int maxTrackedKeys) {

	public LoginThrottleProperties {
		if (maxFailuresPerUser < 1 || maxFailuresPerIp < 1 || maxTrackedKeys < 10) {
			throw new IllegalArgumentException("steward.security.login limits must be positive");
		}
		if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
			throw new IllegalArgumentException("steward.security.login window and lockout must be positive");
		}
	}
}
