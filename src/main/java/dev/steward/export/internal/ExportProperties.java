package dev.steward.export.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Export settings ({@code steward.exports.*}).
 *
 * @param dir            where finished exports wait for download; default {@code <dataDir>/exports}
 * @param retention      a finished export's file is deleted this long after it was written (default 24 h)
 * @param maxPerUser     exports one user may have queued or running at once (default 3)
 * @param stallTimeout   an export whose progress stops this long fails as STALLED (default 10 min)
 * @param overallTimeout an export running longer fails as TIMED_OUT (default 6 h)
 */
@ConfigurationProperties("steward.exports")
public record ExportProperties(@Nullable Path dir, @Nullable Duration retention, @Nullable Integer maxPerUser,
		@Nullable Duration stallTimeout, @Nullable Duration overallTimeout) {

	public ExportProperties {
		retention = retention == null ? Duration.ofHours(24) : retention;
		maxPerUser = maxPerUser == null ? 3 : Math.max(1, maxPerUser);
		stallTimeout = stallTimeout == null ? Duration.ofMinutes(10) : stallTimeout;
		overallTimeout = overallTimeout == null ? Duration.ofHours(6) : overallTimeout;
	}
}
