package dev.steward.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import dev.steward.shared.Actor;
import dev.steward.test.TestStore;

/** The job module on its own (with what it depends on): a job's life as the events other modules see. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ContextConfiguration(initializers = TestStore.class)
@TestPropertySource(properties = "steward.jobs.heartbeat=100ms")
class JobScenarioTests {

	@Autowired
	Jobs jobs;

	@Autowired
	Recorder recorder;

	@TestConfiguration
	static class Events {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}
	}

	static class Recorder {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(JobEvents.JobStarted e) {
			events.add(e);
		}

		@EventListener
		void on(JobEvents.JobProgressed e) {
			events.add(e);
		}

		@EventListener
		void on(JobEvents.JobFinished e) {
			events.add(e);
		}

		List<Object> of(UUID job) {
			return events.stream().filter(e -> switch (e) {
				case JobEvents.JobStarted s -> s.jobId().equals(job);
				case JobEvents.JobProgressed p -> p.jobId().equals(job);
				case JobEvents.JobFinished f -> f.jobId().equals(job);
				default -> false;
			}).toList();
		}
	}

	static JobRequest request(JobKind kind) {
		return new JobRequest(kind, null, null, Actor.system(), null, Actor.SYSTEM, null, Duration.ofSeconds(1),
				Duration.ofMinutes(5));
	}

	@Test
	void aJobPublishesStartedThenItsProgressInOrderThenFinished(Scenario scenario) {
		UUID[] id = new UUID[1];
		scenario.stimulate(() -> id[0] = jobs.submit(request(JobKind.VERIFY), job -> {
			job.phase(JobPhase.CHECKING);
			for (int i = 1; i <= 3; i++) {
				job.progress(i, 3L, ProgressUnit.ITEMS);
				Thread.sleep(350);
			}
			job.result("thing:1", "all three checked", null);
		}).id())
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForEventOfType(JobEvents.JobFinished.class)
			.matching(e -> e.jobId().equals(id[0]))
			.toArriveAndVerify(finished -> {
				assertThat(finished.status()).isEqualTo(JobStatus.COMPLETED);
				assertThat(finished.failure()).isNull();
				List<Object> seen = recorder.of(id[0]);
				assertThat(seen.getFirst()).isInstanceOf(JobEvents.JobStarted.class);
				assertThat(seen.getLast()).isInstanceOf(JobEvents.JobFinished.class);
				List<Long> done = seen.stream().filter(JobEvents.JobProgressed.class::isInstance)
					.map(e -> ((JobEvents.JobProgressed) e).progress().done()).toList();
				assertThat(done).as("progress in order").isSorted().contains(2L, 3L);
				JobView view = jobs.find(id[0]).orElseThrow();
				assertThat(view.phase()).isEqualTo(JobPhase.DONE);
				assertThat(view.progress()).isEqualTo(new JobProgress(3, 3L, ProgressUnit.ITEMS));
				assertThat(view.summary()).isEqualTo("all three checked");
			});
	}

	@Test
	void aStalledWatchedPhaseFailsAsStalledAndRunsTheCleanUpHooks(Scenario scenario) throws Exception {
		UUID[] id = new UUID[1];
		CountDownLatch cleaned = new CountDownLatch(1);
		scenario.stimulate(() -> id[0] = jobs.submit(request(JobKind.BACKUP), job -> {
			job.phase(JobPhase.DUMPING);
			job.onFailure(f -> cleaned.countDown());
			CountDownLatch aborted = new CountDownLatch(1);
			job.onAbort(f -> aborted.countDown());
			aborted.await(30, TimeUnit.SECONDS); // a "tool" that produces nothing until it is killed
			job.throwIfAborted();
		}).id())
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForEventOfType(JobEvents.JobFinished.class)
			.matching(e -> e.jobId().equals(id[0]))
			.toArriveAndVerify(finished -> {
				assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
				assertThat(finished.failure().reason()).isEqualTo(ReasonCode.STALLED);
				assertThat(cleaned.getCount()).isZero();
			});
	}

	@Test
	void aKindRunsAtMostItsLimitAtOnceAndOneJobPerExclusiveKey() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		JobWork blocked = job -> {
			job.phase(JobPhase.CHECKING);
			release.await(30, TimeUnit.SECONDS);
		};
		try {
			// TEST_RESTORE's limit is the default 2: a third waits
			List<UUID> limited = List.of(jobs.submit(request(JobKind.TEST_RESTORE), blocked).id(),
					jobs.submit(request(JobKind.TEST_RESTORE), blocked).id(),
					jobs.submit(request(JobKind.TEST_RESTORE), blocked).id());
			// one job per key: the second with the same key waits although the kind has room
			JobRequest keyed = new JobRequest(JobKind.RESTORE, null, null, Actor.system(), null, Actor.SYSTEM, "target-1",
					Duration.ofMinutes(1), Duration.ofMinutes(5));
			UUID first = jobs.submit(keyed, blocked).id();
			UUID second = jobs.submit(keyed, blocked).id();
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limited.stream()
				.filter(id -> jobs.find(id).orElseThrow().status() == JobStatus.RUNNING).count() == 2
					&& jobs.find(first).orElseThrow().status() == JobStatus.RUNNING);
			Thread.sleep(500);
			assertThat(limited.stream().map(id -> jobs.find(id).orElseThrow().status()))
				.containsExactlyInAnyOrder(JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.QUEUED);
			assertThat(jobs.find(second).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
			release.countDown();
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> java.util.stream.Stream
				.concat(limited.stream(), java.util.stream.Stream.of(first, second))
				.allMatch(id -> jobs.find(id).orElseThrow().status() == JobStatus.COMPLETED));
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aTypedExceptionEndsTheJobWithItsReasonCode(Scenario scenario) {
		UUID[] id = new UUID[1];
		scenario.stimulate(() -> id[0] = jobs.submit(request(JobKind.RESTORE), job -> {
			throw new JobException(ReasonCode.WRONG_KEY, "no such key");
		}).id())
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForEventOfType(JobEvents.JobFinished.class)
			.matching(e -> e.jobId().equals(id[0]))
			.toArriveAndVerify(finished -> {
				assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
				assertThat(finished.failure()).isEqualTo(new JobFailure(ReasonCode.WRONG_KEY, "no such key"));
				assertThat(jobs.find(id[0]).orElseThrow().failure().reason()).isEqualTo(ReasonCode.WRONG_KEY);
			});
	}
}
