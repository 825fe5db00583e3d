package dev.steward.backup;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Backup settings ({@code steward.backup.*}).
 *
 * @param localDir       where local backups live; default {@code <dataDir>/backups}
 * @param stallTimeout   a dump producing no bytes this long fails as stalled
 * @param overallTimeout a dump or restore running longer fails
 * @param maxConcurrent  backups running at once; more are queued (one per connection at a time regardless)
 * @param masterKey      base64 master backup secret (else key files under {@code <dataDir>/keys})
 * @param s3             an S3-compatible target, if configured
 * @param targetRoots    the only directories managed local storage targets may lie in; default
 *                       {@code <dataDir>/targets}
 */
@ConfigurationProperties("steward.backup")
public record BackupProperties(@Nullable Path localDir, @Nullable Duration stallTimeout,
		@Nullable Duration overallTimeout, @Nullable Integer maxConcurrent, @Nullable String masterKey,
		@Nullable String masterKeyId, @Nullable S3 s3, java.util.@Nullable List<Path> targetRoots) {

	public BackupProperties {
		stallTimeout = stallTimeout == null ? Duration.ofSeconds(120) : stallTimeout;
		overallTimeout = overallTimeout == null ? Duration.ofHours(12) : overallTimeout;
		maxConcurrent = maxConcurrent == null ? 2 : Math.max(1, maxConcurrent);
		targetRoots = targetRoots == null ? java.util.List.of() : java.util.List.copyOf(targetRoots);
	}

	/** An S3-compatible bucket; {@code endpoint} for non-AWS services (MinIO, s3proxy …). */
	public record S3(@Nullable String endpoint, @Nullable String region, String bucket, @Nullable String prefix,
			@Nullable String accessKey, @Nullable String secretKey, @Nullable Boolean pathStyle) {

		@Override
		public String toString() {
			return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + "]";
		}
	}
}
