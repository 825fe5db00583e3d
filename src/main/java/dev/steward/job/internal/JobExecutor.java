package dev.steward.job.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionLookup;
import dev.steward.job.JobEvents;
import dev.steward.job.JobFailure;
import dev.steward.job.JobKind;
import dev.steward.job.JobPhase;
import dev.steward.job.JobProgress;
import dev.steward.job.JobQuery;
import dev.steward.job.JobRequest;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.JobWork;
import dev.steward.job.Jobs;
import dev.steward.job.ReasonCode;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/**
 * The one executor: stores a job, runs it on a virtual thread within its kind's limit and its exclusive key,
 * and stores how it ended (a typed reason for failures, after the work's clean-up hooks ran).
 */
@Service
class JobExecutor implements Jobs, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

	private final JobRecords records;

	private final JobProperties props;

	private final InstanceIdentity instance;

	private final ConnectionLookup connections;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<JobKind, Semaphore> perKind = new ConcurrentHashMap<>();

	private final Map<String, Semaphore> perKey = new ConcurrentHashMap<>();

	private final Map<UUID, RunningJob> runs = new ConcurrentHashMap<>();

	JobExecutor(JobRecords records, JobProperties props, InstanceIdentity instance, ConnectionLookup connections,
			ApplicationEventPublisher events, TransactionTemplate tx) {
		this.records = records;
		this.props = props;
		this.instance = instance;
		this.connections = connections;
		this.events = events;
		this.tx = tx;
	}

	Map<UUID, RunningJob> runs() {
		return runs;
	}

	@Override
	public JobView submit(JobRequest request, JobWork work) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		JobView view = new JobView(UUID.randomUUID(), request.kind(), JobStatus.QUEUED, JobPhase.QUEUED,
				request.connectionId(), request.subjectId(), request.startedBy(), now, null, null, now, instance.id(),
				JobProgress.NONE, null, null, null, false);
		records.insert(view, request.startedById());
		RunningJob job = new RunningJob(view, request, records);
		runs.put(view.id(), job);
		Runnable launch = () -> threads.submit(() -> run(job, work));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					launch.run();
				}

				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						runs.remove(view.id());
					}
				}
			});
		}
		else {
			launch.run();
		}
		return view;
	}

	private void run(RunningJob job, JobWork work) {
		Semaphore kindSlots = perKind.computeIfAbsent(job.request.kind(), k -> new Semaphore(props.limit(k), true));
		String key = job.request.exclusiveKey();
		Semaphore keyLock = key == null ? null : perKey.computeIfAbsent(key, k -> new Semaphore(1, true));
		boolean haveKey = false;
		boolean haveSlot = false;
		try {
			if (keyLock != null) {
				haveKey = acquire(keyLock, job);
			}
			haveSlot = acquire(kindSlots, job);
			job.throwIfAborted();
			OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
			tx.executeWithoutResult(s -> {
				if (!records.markRunning(job.id(), started)) {
					throw new Conflict("Job " + job.id() + " is no longer queued");
				}
				job.become(JobStatus.RUNNING);
				events.publishEvent(new JobEvents.JobStarted(job.id(), job.request.kind(), job.request.connectionId(),
						job.request.subjectId()));
			});
			work.run(job);
			finish(job, JobStatus.COMPLETED, null);
		}
		catch (Throwable t) {
			JobFailure abort = job.aborted();
			JobFailure failure = abort != null ? abort : JobFailure.of(t);
			if (abort == null && failure.reason() == ReasonCode.INTERNAL) {
				log.warn("Job {} ({}) failed", job.id(), job.request.kind(), t);
			}
			job.phase(JobPhase.CLEANING_UP);
			job.runFailureHooks(failure);
			finish(job, failure.reason() == ReasonCode.CANCELLED_BY_USER ? JobStatus.CANCELLED : JobStatus.FAILED,
					failure);
			if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
				throw e;
			}
		}
		finally {
			if (haveSlot) {
				kindSlots.release();
			}
			if (haveKey) {
				keyLock.release();
			}
			runs.remove(job.id());
		}
	}

	private void finish(RunningJob job, JobStatus status, @Nullable JobFailure failure) {
		JobPhase phase = status == JobStatus.COMPLETED ? JobPhase.DONE : job.currentPhase();
		JobProgress progress = job.currentProgress();
		try {
			tx.executeWithoutResult(s -> {
				boolean stored = records.finish(job.id(), status, OffsetDateTime.now(ZoneOffset.UTC), phase, progress,
						failure, job.resultRef, job.summary, job.resultJson);
				if (!stored) {
					log.warn("Job {} was finished elsewhere (its lease expired) before it ended here as {}", job.id(), status);
					return;
				}
				job.phase(phase);
				job.become(status);
				events.publishEvent(new JobEvents.JobFinished(job.id(), job.request.kind(), job.request.subjectId(), status,
						failure));
			});
		}
		catch (RuntimeException e) {
			log.error("Could not store the end of job {} ({}): {}", job.id(), status, e.getMessage());
		}
	}

	/** Waits for a permit while watching for an abort. */
	private static boolean acquire(Semaphore semaphore, RunningJob job) throws InterruptedException {
		while (!semaphore.tryAcquire(200, TimeUnit.MILLISECONDS)) {
			job.throwIfAborted();
		}
		return true;
	}

	@Override
	public JobView cancel(UUID id) {
		CurrentUser user = CurrentUser.require();
		JobView job = get(id);
		// anyone may stop what they started themselves (a viewer's export); others' jobs need OPERATOR or ADMIN
		if (!user.canOperate() && !records.startedBy(id).map(user.id()::equals).orElse(false)) {
			throw new AccessDeniedException("Cancelling another user's job needs the OPERATOR or ADMIN role");
		}
		if (job.status().finished()) {
			throw new Conflict("The job is not running (status " + job.status() + ")");
		}
		Actor actor = Actor.current();
		tx.executeWithoutResult(s -> {
			records.requestCancel(id, user.username());
			events.publishEvent(new JobEvents.JobCancelRequested(actor, id, job.kind()));
		});
		RunningJob local = runs.get(id);
		if (local != null) {
			local.abort(new JobFailure(ReasonCode.CANCELLED_BY_USER, "Cancelled by " + user.username()));
		}
		return current(id).orElseThrow(() -> new NotFound("Job", id));
	}

	@Override
	public JobView get(UUID id) {
		JobView job = current(id).orElseThrow(() -> new NotFound("Job", id));
		if (!visible(job)) {
			throw new NotFound("Job", id);
		}
		return job;
	}

	private boolean visible(JobView job) {
		CurrentUser user = CurrentUser.require();
		if (user.isAdmin()) {
			return true;
		}
		RunningJob local = runs.get(job.id());
		if (local != null && user.id().equals(local.request.startedById())) {
			return true;
		}
		if (job.connectionId() == null) {
			return records.startedBy(job.id()).map(user.id()::equals).orElse(false);
		}
		try {
			connections.resolve(job.connectionId());
			return true;
		}
		catch (NotFound e) {
			return records.startedBy(job.id()).map(user.id()::equals).orElse(false);
		}
	}

	@Override
	public PageResult<JobView> list(JobQuery query, int page, int size) {
		CurrentUser user = CurrentUser.require();
		PageResult<JobView> stored = records.page(query, user.isAdmin() ? null : connections.visibleIds(), user.id(),
				page, size);
		return stored.map(j -> {
			RunningJob local = runs.get(j.id());
			return local == null ? j : local.view(j);
		});
	}

	@Override
	public Optional<JobView> find(UUID id) {
		return current(id);
	}

	/** The stored job with this instance's live state when it runs here. */
	Optional<JobView> current(UUID id) {
		Optional<JobView> stored = records.find(id).map(JobRecords.Stored::view);
		RunningJob local = runs.get(id);
		if (local == null || stored.map(j -> j.status().finished()).orElse(false)) {
			return stored;
		}
		return Optional.of(local.view(stored.orElse(null)));
	}

	@Override
	public long countFailedAsSystem(UUID connectionId, java.time.Instant since) {
		return records.countFailed(connectionId, since.atOffset(java.time.ZoneOffset.UTC));
	}

	@Override
	public Optional<String> resultJson(UUID id) {
		return records.resultJson(id);
	}

	@Override
	public void destroy() {
		runs.values().forEach(r -> r.abort(new JobFailure(ReasonCode.INTERRUPTED, "Steward is shutting down")));
		threads.shutdown();
		try {
			threads.awaitTermination(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
