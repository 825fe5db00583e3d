package dev.steward.job.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.steward.job.JobKind;

/**
 * Job settings ({@code steward.jobs.*}).
 *
 * @param instanceId    this instance's name in job leases; default a random id kept in {@code <dataDir>/instance-id}
 * @param maxConcurrent jobs of a kind running at once on this instance (more wait QUEUED); default 2 per kind
 * @param heartbeat     how often running jobs' leases, progress and watchdogs are refreshed
 * @param leaseExpiry   a job whose lease is older than this is failed (INTERRUPTED) by any instance
 */
@ConfigurationProperties("steward.jobs")
public record JobProperties(@Nullable String instanceId, @Nullable Map<JobKind, Integer> maxConcurrent,
		@Nullable Duration heartbeat, @Nullable Duration leaseExpiry) {

	public JobProperties {
		maxConcurrent = maxConcurrent == null ? new EnumMap<>(JobKind.class) : new EnumMap<>(maxConcurrent);
		heartbeat = heartbeat == null ? Duration.ofSeconds(1) : heartbeat;
		leaseExpiry = leaseExpiry == null ? Duration.ofSeconds(30) : leaseExpiry;
	}

	int limit(JobKind kind) {
		Integer n = maxConcurrent == null ? null : maxConcurrent.get(kind);
		return n == null ? 2 : Math.max(1, n);
	}
}
