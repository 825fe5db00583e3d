package dev.steward.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.steward.job.JobFailure;
import dev.steward.job.JobKind;
import dev.steward.job.JobPhase;
import dev.steward.job.JobProgress;
import dev.steward.job.JobRequest;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.ReasonCode;
import dev.steward.shared.Actor;

class RunningJobUnitTests {

	private static JobView stored(UUID id, JobStatus status) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return new JobView(id, JobKind.RESTORE, status, JobPhase.RESTORING, null, null, "admin", now, now, null, now,
				"here", JobProgress.NONE, null, null, null, false);
	}

	/**
	 * The end is written to the store in a transaction while this instance already knows it: a reader between the two
	 * must not see a finished status without the failure that ended the job (it saw CANCELLED with no reason).
	 */
	@Test
	void aLiveViewNeverShowsAnEndTheStoreHasNotCommitted() {
		UUID id = UUID.randomUUID();
		JobRequest request = new JobRequest(JobKind.RESTORE, null, null, Actor.of("admin"), null, "admin", null,
				Duration.ofMinutes(1), Duration.ofHours(1));
		RunningJob job = new RunningJob(stored(id, JobStatus.QUEUED), request, null);
		job.become(JobStatus.RUNNING);
		job.abort(new JobFailure(ReasonCode.CANCELLED_BY_USER, "Cancelled by admin"));
		job.become(JobStatus.CANCELLED);

		JobView seen = job.view(stored(id, JobStatus.RUNNING));

		if (seen.status().finished()) {
			assertThat(seen.failure()).as("a finished view names why").isNotNull();
			assertThat(seen.failure().reason()).isEqualTo(ReasonCode.CANCELLED_BY_USER);
		}
		assertThat(seen.status()).as("the store still says running").isEqualTo(JobStatus.RUNNING);
		assertThat(seen.cancelRequested()).isTrue();
	}
}
