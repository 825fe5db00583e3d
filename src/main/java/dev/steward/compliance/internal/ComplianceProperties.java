package dev.steward.compliance.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the compliance checks.
 *
 * @param rpo                the newest successful backup of a connection must be younger than this
 * @param testRestoreWithin  a test restore must have passed within this period
 * @param inactiveAfter      accounts without a login, and tokens unused, for this long are reported
 * @param maxAdmins          more enabled administrators than this is a warning (fewer than two is one too)
 */
@ConfigurationProperties("steward.compliance")
public record ComplianceProperties(@DefaultValue("24h") Duration rpo, @DefaultValue("30d") Duration testRestoreWithin,
		@DefaultValue("90d") Duration inactiveAfter, @DefaultValue("5") int maxAdmins) {

	public ComplianceProperties {
		if (rpo.isNegative() || rpo.isZero() || testRestoreWithin.isNegative() || testRestoreWithin.isZero()
				|| inactiveAfter.isNegative() || inactiveAfter.isZero() || maxAdmins < 1) {
			throw new IllegalArgumentException("steward.compliance thresholds must be positive");
		}
	}
}
