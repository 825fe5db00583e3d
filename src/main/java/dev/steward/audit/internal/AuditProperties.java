package dev.steward.audit.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit module.
 *
 * @param key                   base64 of 32 bytes ({@code STEWARD_AUDIT_KEY}) sealing the chain; blank means the
 *                              generated {@code <data-dir>/keys/audit.key}
 * @param anonymousWindow       unauthenticated rejections are counted per source address and written as one record
 *                              per address this often (and at shutdown)
 * @param anonymousMaxAddresses addresses counted separately within a window; further ones share one catch-all count
 */
@ConfigurationProperties("steward.audit")
public record AuditProperties(@Nullable String key, @DefaultValue("1m") Duration anonymousWindow,
		@DefaultValue("1000") int anonymousMaxAddresses) {

	public AuditProperties {
		if (anonymousWindow.isNegative() || anonymousWindow.isZero() || anonymousMaxAddresses < 1) {
			throw new IllegalArgumentException("steward.audit.anonymous-window and -max-addresses must be positive");
		}
	}

	@Override
	public String toString() {
		return "AuditProperties[key=" + (key == null || key.isBlank() ? "(file)" : "(set)") + ", anonymousWindow="
				+ anonymousWindow + ", anonymousMaxAddresses=" + anonymousMaxAddresses + "]";
	}
}
