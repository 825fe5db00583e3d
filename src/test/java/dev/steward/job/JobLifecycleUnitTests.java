package dev.steward.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class JobLifecycleUnitTests {

	@Test
	void theLifecycleAllowsExactlyTheWrittenDownTransitions() {
		assertThat(allowedFrom(JobStatus.QUEUED)).containsExactlyInAnyOrder(JobStatus.RUNNING, JobStatus.FAILED,
				JobStatus.CANCELLED);
		assertThat(allowedFrom(JobStatus.RUNNING)).containsExactlyInAnyOrder(JobStatus.COMPLETED, JobStatus.FAILED,
				JobStatus.CANCELLED);
		for (JobStatus end : EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)) {
			assertThat(end.finished()).isTrue();
			assertThat(allowedFrom(end)).as(end + " is final").isEmpty();
		}
		assertThat(JobStatus.QUEUED.finished()).isFalse();
		assertThat(JobStatus.RUNNING.finished()).isFalse();
	}

	@Test
	void aForbiddenTransitionThrows() {
		assertThat(JobStatus.QUEUED.to(JobStatus.RUNNING)).isEqualTo(JobStatus.RUNNING);
		assertThatThrownBy(() -> JobStatus.QUEUED.to(JobStatus.COMPLETED))
			.isInstanceOf(JobStatus.IllegalJobTransition.class);
		assertThatThrownBy(() -> JobStatus.CANCELLED.to(JobStatus.RUNNING))
			.isInstanceOf(JobStatus.IllegalJobTransition.class);
		assertThatThrownBy(() -> JobStatus.COMPLETED.to(JobStatus.FAILED))
			.isInstanceOf(JobStatus.IllegalJobTransition.class);
	}

	@Test
	void theReasonComesFromTheFirstTypedExceptionInTheCauseChainNeverFromItsText() {
		IOException full = new IOException("No space left on device");
		assertThat(JobFailure.of(full).reason()).as("an untyped message is not read").isEqualTo(ReasonCode.INTERNAL);
		JobFailure typed = JobFailure.of(new RuntimeException("wrapper",
				new JobException(ReasonCode.DISK_FULL, "The backup storage is full", full)));
		assertThat(typed.reason()).isEqualTo(ReasonCode.DISK_FULL);
		assertThat(typed.message()).isEqualTo("The backup storage is full");
		assertThat(JobFailure.of(new JobAborted(new JobFailure(ReasonCode.STALLED, "quiet"))).reason())
			.isEqualTo(ReasonCode.STALLED);
	}

	@Test
	void onlyWatchedPhasesCanStall() {
		assertThat(EnumSet.allOf(JobPhase.class).stream().filter(JobPhase::stallWatched))
			.containsExactly(JobPhase.DUMPING, JobPhase.EXPORTING);
	}

	private static Set<JobStatus> allowedFrom(JobStatus from) {
		Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
		for (JobStatus to : JobStatus.values()) {
			if (from.canBecome(to)) {
				out.add(to);
			}
		}
		return out;
	}
}
