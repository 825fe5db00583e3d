package dev.steward.job.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.steward.job.JobAborted;
import dev.steward.job.JobContext;
import dev.steward.job.JobFailure;
import dev.steward.job.JobPhase;
import dev.steward.job.JobProgress;
import dev.steward.job.JobRequest;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.ProgressUnit;

/** A job of this instance in memory: its live state, abort handle and hooks. */
final class RunningJob implements JobContext {

	private static final Logger log = LoggerFactory.getLogger(RunningJob.class);

	final JobRequest request;

	final long createdNanos = System.nanoTime();

	private final JobView initial;

	private final JobRecords records;

	private volatile JobStatus status = JobStatus.QUEUED;

	private volatile JobPhase phase = JobPhase.QUEUED;

	private volatile JobProgress progress = JobProgress.NONE;

	private volatile @Nullable Tracker tracker;

	private volatile @Nullable JobFailure abort;

	private final List<Consumer<JobFailure>> abortHooks = new CopyOnWriteArrayList<>();

	private final Deque<Consumer<JobFailure>> failureHooks = new ArrayDeque<>();

	private final Map<String, String> remembered = new ConcurrentHashMap<>();

	volatile @Nullable String resultRef;

	volatile @Nullable String summary;

	volatile @Nullable String resultJson;

	/** Watchdog state: the progress last seen and when it last moved. */
	volatile long lastDone = -1;

	volatile long lastMovedNanos = System.nanoTime();

	/** What the heartbeat last published. */
	volatile @Nullable JobPhase publishedPhase;

	volatile @Nullable JobProgress publishedProgress;

	private record Tracker(ProgressUnit unit, LongSupplier done, @Nullable Long total) {
	}

	RunningJob(JobView initial, JobRequest request, JobRecords records) {
		this.initial = initial;
		this.request = request;
		this.records = records;
	}

	@Override
	public UUID id() {
		return initial.id();
	}

	JobStatus status() {
		return status;
	}

	/** Follows the lifecycle written down in {@link JobStatus}. */
	synchronized void become(JobStatus next) {
		status = status.to(next);
	}

	JobPhase currentPhase() {
		return phase;
	}

	@Override
	public void phase(JobPhase next) {
		phase = next;
		lastMovedNanos = System.nanoTime();
	}

	@Override
	public void progress(long done, @Nullable Long total, ProgressUnit unit) {
		tracker = null;
		progress = new JobProgress(done, total, unit);
	}

	@Override
	public void track(ProgressUnit unit, LongSupplier done, @Nullable Long total) {
		tracker = new Tracker(unit, done, total);
	}

	JobProgress currentProgress() {
		Tracker t = tracker;
		if (t != null) {
			progress = new JobProgress(t.done().getAsLong(), t.total(), t.unit());
		}
		return progress;
	}

	@Override
	public void onAbort(Consumer<JobFailure> hook) {
		abortHooks.add(hook);
		JobFailure a = abort;
		if (a != null) {
			runQuietly(hook, a);
		}
	}

	@Override
	public synchronized void onFailure(Consumer<JobFailure> hook) {
		failureHooks.push(hook);
	}

	/** Records the first reason and runs the abort hooks (kill the process, cancel the statement). */
	void abort(JobFailure reason) {
		synchronized (this) {
			if (abort != null || status.finished()) {
				return;
			}
			abort = reason;
		}
		abortHooks.forEach(h -> runQuietly(h, reason));
	}

	/** Runs the failure hooks, last registered first; each runs even if an earlier one failed. */
	void runFailureHooks(JobFailure failure) {
		Deque<Consumer<JobFailure>> hooks;
		synchronized (this) {
			hooks = new ArrayDeque<>(failureHooks);
			failureHooks.clear();
		}
		hooks.forEach(h -> runQuietly(h, failure));
	}

	private void runQuietly(Consumer<JobFailure> hook, JobFailure failure) {
		try {
			hook.accept(failure);
		}
		catch (RuntimeException e) {
			log.warn("Job {}: a clean-up step failed: {}", id(), e.getMessage());
		}
	}

	@Override
	public void remember(String key, String value) {
		remembered.put(key, value);
		records.remember(id(), Map.copyOf(remembered));
	}

	@Override
	public @Nullable JobFailure aborted() {
		return abort;
	}

	@Override
	public void throwIfAborted() {
		JobFailure a = abort;
		if (a != null) {
			throw new JobAborted(a);
		}
	}

	@Override
	public void result(@Nullable String resultRef, @Nullable String summary, @Nullable String resultJson) {
		this.resultRef = resultRef;
		this.summary = summary;
		this.resultJson = resultJson;
	}

	/** The live view: the stored row with this instance's fresher state. */
	JobView view(@Nullable JobView stored) {
		JobView base = stored == null ? initial : stored;
		JobFailure a = abort;
		// The end is known here before the store commits it: until then show the stored status, so that no reader sees
		// a finished job without the failure and time that the same commit writes.
		JobStatus shown = status.finished() && !base.status().finished() ? base.status() : status;
		return new JobView(base.id(), base.kind(), shown, phase, base.connectionId(), base.subjectId(),
				base.startedBy(), base.createdAt(), base.startedAt(), base.finishedAt(), base.heartbeatAt(),
				base.instanceId(), currentProgress(), resultRef, summary, base.failure(),
				base.cancelRequested() || (a != null && a.reason() == dev.steward.job.ReasonCode.CANCELLED_BY_USER));
	}
}
