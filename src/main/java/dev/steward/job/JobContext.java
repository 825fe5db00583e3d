package dev.steward.job;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/** A running job's handle for its work. */
public interface JobContext {

	UUID id();

	void phase(JobPhase phase);

	/** Sets the progress now. */
	void progress(long done, @Nullable Long total, ProgressUnit unit);

	/** Samples {@code done} on every heartbeat and watchdog tick (cheap counters such as bytes written). */
	void track(ProgressUnit unit, LongSupplier done, @Nullable Long total);

	/**
	 * Runs {@code hook} when the job is aborted (cancel, stall, timeout, shutdown, lease lost), at once if it
	 * already was: kill the child process, cancel the statement.
	 */
	void onAbort(Consumer<JobFailure> hook);

	/**
	 * Runs {@code hook} (last registered first) when the job fails or is cancelled in this process, before its
	 * final state is stored: remove partial artefacts, drop a half-restored database. Work a crash interrupts is
	 * cleaned up by the module's {@link JobCleanup} from what {@link #remember} stored.
	 */
	void onFailure(Consumer<JobFailure> hook);

	/** Stores a fact a {@link JobCleanup} needs after a crash (e.g. "created database X"). */
	void remember(String key, String value);

	/** The abort, if any. */
	@Nullable JobFailure aborted();

	/** Throws {@link JobAborted} once aborted. */
	void throwIfAborted();

	/** What the job produced, for its module and the API. */
	void result(@Nullable String resultRef, @Nullable String summary, @Nullable String resultJson);
}
