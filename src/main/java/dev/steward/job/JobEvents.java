package dev.steward.job;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** What happens to jobs, as application events (published in a transaction of the instance running the job). */
public final class JobEvents {

	private JobEvents() {
	}

	public record JobStarted(UUID jobId, JobKind kind, @Nullable UUID connectionId, @Nullable UUID subjectId) {
	}

	/** The phase or the progress moved; published at most once per heartbeat and on every phase change. */
	public record JobProgressed(UUID jobId, JobKind kind, JobPhase phase, JobProgress progress) {
	}

	public record JobFinished(UUID jobId, JobKind kind, @Nullable UUID subjectId, JobStatus status,
			@Nullable JobFailure failure) {
	}

	/** A person asked to cancel a job: audited like every mutating action. */
	public record JobCancelRequested(Actor actor, UUID jobId, JobKind kind) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), actor, "job.cancel", "job", jobId.toString(), Outcome.SUCCESS,
					"cancel requested for a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " job");
		}
	}
}
