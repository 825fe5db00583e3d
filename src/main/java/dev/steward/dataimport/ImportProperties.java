package dev.steward.dataimport;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Import settings ({@code steward.import.*}).
 *
 * @param maxUploadBytes     largest file one upload may carry (default 256 MB); more is refused with 413
 * @param maxScriptBytes     largest SQL script (it is split in memory; default 32 MB)
 * @param maxUploadsPerUser  uploads one user may hold at once (default 5), so nobody fills the disk
 * @param uploadExpiry       an upload not imported within this time is deleted (default 1 h)
 * @param stallTimeout       an import job silent this long fails as stalled (default 10 min)
 * @param overallTimeout     an import job running longer fails (default 6 h)
 */
@ConfigurationProperties("steward.import")
public record ImportProperties(@Nullable Long maxUploadBytes, @Nullable Long maxScriptBytes,
		@Nullable Integer maxUploadsPerUser, @Nullable Duration uploadExpiry, @Nullable Duration stallTimeout,
		@Nullable Duration overallTimeout) {

	public ImportProperties {
		maxUploadBytes = maxUploadBytes == null ? 256L * 1024 * 1024 : Math.max(1024, maxUploadBytes);
		maxScriptBytes = maxScriptBytes == null ? 32L * 1024 * 1024 : Math.max(1024, maxScriptBytes);
		maxUploadsPerUser = maxUploadsPerUser == null ? 5 : Math.max(1, maxUploadsPerUser);
		uploadExpiry = uploadExpiry == null ? Duration.ofHours(1) : uploadExpiry;
		stallTimeout = stallTimeout == null ? Duration.ofMinutes(10) : stallTimeout;
		overallTimeout = overallTimeout == null ? Duration.ofHours(6) : overallTimeout;
	}

	public static ImportProperties defaults() {
		return new ImportProperties(null, null, null, null, null, null);
	}
}
