package dev.steward.job;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A job as the API shows it, on any instance sharing the store.
 *
 * @param connectionId the connection the job works on (a restore's target), if any
 * @param subjectId    what it works on within its module (a backup's id), if any
 * @param instanceId   the Steward instance running it (its lease holder)
 * @param heartbeatAt  the lease: when that instance last said it still runs the job
 * @param resultRef    what it produced or touched, in its module's terms (e.g. {@code backup:<id>}, {@code database:<name>})
 * @param summary      a one-line account of the outcome for people, if any
 * @param failure      why it failed or was cancelled
 */
public record JobView(UUID id, JobKind kind, JobStatus status, JobPhase phase, @Nullable UUID connectionId,
		@Nullable UUID subjectId, String startedBy, OffsetDateTime createdAt, @Nullable OffsetDateTime startedAt,
		@Nullable OffsetDateTime finishedAt, @Nullable OffsetDateTime heartbeatAt, String instanceId,
		JobProgress progress, @Nullable String resultRef, @Nullable String summary, @Nullable JobFailure failure,
		boolean cancelRequested) {
}
