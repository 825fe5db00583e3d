package dev.steward.monitor;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.job.JobStatus;

/**
 * A maintenance schedule's last run.
 *
 * @param jobId     the job of the run (for SKIPPED: the previous run's job, still running)
 * @param jobStatus where that job stands now
 * @param reason    why the run was skipped, refused or failed
 */
public record MaintenanceScheduleRun(OffsetDateTime at, MaintenanceScheduleOutcome outcome, @Nullable UUID jobId,
		@Nullable JobStatus jobStatus, @Nullable String reason) {
}
