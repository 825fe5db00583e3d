package dev.steward.schedule.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Scheduler settings ({@code steward.schedule.*}), read when the context starts (not baked in at build time).
 *
 * @param enabled           run the scheduler on this instance (false: schedules are kept but fire elsewhere or not at all)
 * @param clusterCheckin    how often an instance tells the others it lives; a silent one's fires are taken over
 * @param misfireThreshold  a fire this late counts as missed: it runs once as soon as possible, recorded as late
 * @param threads           fires handled at once on this instance (each only starts its backup jobs)
 * @param retentionMinimum  retention never leaves fewer of a schedule's backups on a target than this (at least 1)
 * @param maxDatabasesPerRun a schedule backing up ALL databases backs up at most this many per run (by name, the
 *                          rest named on the run as skipped): one fire must not queue thousands of jobs
 */
@ConfigurationProperties("steward.schedule")
public record ScheduleSettings(@Nullable Boolean enabled, @Nullable Duration clusterCheckin,
		@Nullable Duration misfireThreshold, @Nullable Integer threads, @Nullable Integer retentionMinimum,
		@Nullable Integer maxDatabasesPerRun) {

	public ScheduleSettings {
		enabled = enabled == null || enabled;
		clusterCheckin = clusterCheckin == null ? Duration.ofSeconds(5) : clusterCheckin;
		misfireThreshold = misfireThreshold == null ? Duration.ofSeconds(60) : misfireThreshold;
		threads = threads == null ? 4 : Math.max(1, threads);
		retentionMinimum = retentionMinimum == null ? 1 : Math.max(1, retentionMinimum);
		maxDatabasesPerRun = maxDatabasesPerRun == null ? 50 : Math.max(1, maxDatabasesPerRun);
	}
}
