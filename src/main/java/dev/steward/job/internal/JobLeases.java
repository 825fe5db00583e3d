package dev.steward.job.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.job.JobCleanup;
import dev.steward.job.JobEvents;
import dev.steward.job.JobFailure;
import dev.steward.job.JobPhase;
import dev.steward.job.JobProgress;
import dev.steward.job.JobStatus;
import dev.steward.job.ReasonCode;

/**
 * On every heartbeat: renews the leases of this instance's jobs and stores their phase and progress (so any
 * instance can show them), publishes progress, applies the watchdog (stall and overall timeouts) and cancel
 * requests made on other instances, and fails other instances' jobs whose lease expired. At start-up, fails the
 * jobs a previous run of this instance left open. Both clean up through the modules' {@link JobCleanup}s.
 */
@Component
class JobLeases implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

	private final JobExecutor executor;

	private final JobRecords records;

	private final JobProperties props;

	private final InstanceIdentity instance;

	private final org.springframework.beans.factory.ObjectProvider<JobCleanup> cleanups;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
			r -> Thread.ofPlatform().daemon().name("job-heartbeat").unstarted(r));

	JobLeases(JobExecutor executor, JobRecords records, JobProperties props, InstanceIdentity instance,
			org.springframework.beans.factory.ObjectProvider<JobCleanup> cleanups, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.executor = executor;
		this.records = records;
		this.props = props;
		this.instance = instance;
		this.cleanups = cleanups;
		this.events = events;
		this.tx = tx;
	}

	/** Start-up recovery first, then the heartbeat; both only once the application is ready. */
	@EventListener(ApplicationReadyEvent.class)
	void start() {
		recoverOwn();
		long every = props.heartbeat().toMillis();
		ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
	}

	void recoverOwn() {
		for (JobRecords.Stored job : records.openOf(instance.id())) {
			if (!executor.runs().containsKey(job.view().id())) {
				interrupt(job, "Steward stopped while this job was " + job.view().status().name().toLowerCase(java.util.Locale.ROOT)
						+ "; its partial work was cleaned up");
			}
		}
	}

	private void tick() {
		try {
			heartbeat();
			reapExpired();
		}
		catch (RuntimeException e) {
			log.warn("Job heartbeat failed: {}", e.getMessage());
		}
	}

	private void heartbeat() {
		Map<UUID, RunningJob> runs = executor.runs();
		if (runs.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long nanos = System.nanoTime();
		Map<UUID, String> cancels = records.cancelRequests(runs.keySet());
		for (RunningJob job : runs.values()) {
			String by = cancels.get(job.id());
			if (by != null) {
				job.abort(new JobFailure(ReasonCode.CANCELLED_BY_USER, "Cancelled by " + by));
			}
			watch(job, nanos);
			JobPhase phase = job.currentPhase();
			JobProgress progress = job.currentProgress();
			if (!records.heartbeat(job.id(), instance.id(), now, phase, progress) && job.status() != JobStatus.QUEUED
					&& job.aborted() == null) {
				// another instance failed it after our lease expired (we were paused too long): stop working on it
				job.abort(new JobFailure(ReasonCode.INTERRUPTED, "This instance lost the job's lease"));
			}
			if (phase != job.publishedPhase || !progress.equals(job.publishedProgress)) {
				job.publishedPhase = phase;
				job.publishedProgress = progress;
				tx.executeWithoutResult(s -> events.publishEvent(
						new JobEvents.JobProgressed(job.id(), job.request.kind(), phase, progress)));
			}
		}
	}

	/** Stall: a watched phase whose progress has not moved for the stall timeout; overall: since submission. */
	private void watch(RunningJob job, long now) {
		if (job.status() != JobStatus.RUNNING) {
			return;
		}
		Duration stall = job.request.stallTimeout();
		Duration overall = job.request.overallTimeout();
		long done = job.currentProgress().done();
		if (done != job.lastDone) {
			job.lastDone = done;
			job.lastMovedNanos = now;
		}
		else if (job.currentPhase().stallWatched() && now - job.lastMovedNanos > stall.toNanos()) {
			job.abort(new JobFailure(ReasonCode.STALLED, "Stalled: no progress for " + stall.toSeconds()
					+ " s while " + job.currentPhase().name().toLowerCase(java.util.Locale.ROOT)
					+ " (is it waiting for a lock held by another session?)"));
		}
		if (now - job.createdNanos > overall.toNanos()) {
			job.abort(new JobFailure(ReasonCode.TIMED_OUT, "Timed out: the job ran longer than " + overall.toMinutes() + " min"));
		}
	}

	private void reapExpired() {
		OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(props.leaseExpiry());
		for (JobRecords.Stored job : records.expired(before, executor.runs().keySet())) {
			interrupt(job, "Its Steward instance (" + job.view().instanceId() + ") stopped renewing the job's lease");
		}
	}

	/** Fails an open job nobody runs any more, then lets its module clean up. */
	private void interrupt(JobRecords.Stored job, String message) {
		JobFailure failure = new JobFailure(ReasonCode.INTERRUPTED, message);
		Boolean mine = tx.execute(s -> {
			boolean done = records.finish(job.view().id(), JobStatus.FAILED, OffsetDateTime.now(ZoneOffset.UTC),
					job.view().phase(), job.view().progress(), failure, null, null, null);
			if (done) {
				events.publishEvent(new JobEvents.JobFinished(job.view().id(), job.view().kind(), job.view().subjectId(),
						JobStatus.FAILED, failure));
			}
			return done;
		});
		if (!Boolean.TRUE.equals(mine)) {
			return; // another instance got there first
		}
		log.info("Job {} ({}) failed as INTERRUPTED: {}", job.view().id(), job.view().kind(), message);
		var failed = records.find(job.view().id()).map(JobRecords.Stored::view).orElse(job.view());
		for (JobCleanup cleanup : cleanups.orderedStream().toList()) {
			if (cleanup.kinds().contains(job.view().kind())) {
				try {
					cleanup.cleanUp(failed, job.remembered());
				}
				catch (RuntimeException e) {
					log.warn("Could not clean up interrupted job {}: {}", job.view().id(), e.getMessage());
				}
			}
		}
	}

	@Override
	public void destroy() {
		ticker.shutdownNow();
	}
}
