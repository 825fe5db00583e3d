package dev.steward.audit.internal;

import java.nio.file.Path;
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
 * @param retentionDays         records older than this many days are sealed into archive segments and leave the
 *                              live table; unset or 0 keeps everything (the default). A value set through the
 *                              settings API (stored) takes precedence.
 * @param archiveDir            where sealed segments go; default {@code <data-dir>/audit-archive}. Never the keys
 *                              directory, the store or the backup directory, nor inside or around them.
 * @param segmentRows           records per archive segment at most, which bounds memory and the seal's transaction
 * @param exportMaxDays         the longest time range one audit export may cover
 */
@ConfigurationProperties("steward.audit")
public record AuditProperties(@Nullable String key, @DefaultValue("1m") Duration anonymousWindow,
		@DefaultValue("1000") int anonymousMaxAddresses, @Nullable Integer retentionDays, @Nullable Path archiveDir,
		@DefaultValue("5000") int segmentRows, @DefaultValue("366") int exportMaxDays) {

	/** Longest retention accepted: a hundred years. */
	public static final int MAX_RETENTION_DAYS = 36_500;

	public AuditProperties {
		if (anonymousWindow.isNegative() || anonymousWindow.isZero() || anonymousMaxAddresses < 1) {
			throw new IllegalArgumentException("steward.audit.anonymous-window and -max-addresses must be positive");
		}
		if (retentionDays != null && (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS)) {
			throw new IllegalArgumentException("steward.audit.retention-days must be 0 (off) to " + MAX_RETENTION_DAYS);
		}
		if (segmentRows < 1 || segmentRows > 100_000 || exportMaxDays < 1) {
			throw new IllegalArgumentException("steward.audit.segment-rows must be 1 to 100000, export-max-days positive");
		}
	}

	@Override
	public String toString() {
		return "AuditProperties[key=" + (key == null || key.isBlank() ? "(file)" : "(set)") + ", anonymousWindow="
				+ anonymousWindow + ", anonymousMaxAddresses=" + anonymousMaxAddresses + ", retentionDays="
				+ retentionDays + ", archiveDir=" + archiveDir + ", segmentRows=" + segmentRows + "]";
	}
}
