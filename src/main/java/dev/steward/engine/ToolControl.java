package dev.steward.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The handle a caller keeps on a running dump or restore: {@link #abort(String)} (cancel, stall, deadline)
 * kills every child process tree it started and makes driver-based work stop at its next check.
 */
public final class ToolControl {

	private final Set<Process> processes = ConcurrentHashMap.newKeySet();

	private final Set<Runnable> abortHooks = ConcurrentHashMap.newKeySet();

	private volatile @Nullable String abortReason;

	/** Stops the work: records the first reason given and destroys the child processes with their descendants. */
	public void abort(String reason) {
		synchronized (this) {
			if (abortReason == null) {
				abortReason = reason;
			}
		}
		processes.forEach(ToolControl::destroyTree);
		abortHooks.forEach(ToolControl::runQuietly);
	}

	/**
	 * Runs {@code hook} on abort (e.g. cancelling a JDBC statement that waits for a lock); runs it at once if
	 * already aborted. Close the answer to deregister.
	 */
	public AutoCloseable onAbort(Runnable hook) {
		abortHooks.add(hook);
		if (aborted()) {
			runQuietly(hook);
		}
		return () -> abortHooks.remove(hook);
	}

	private static void runQuietly(Runnable hook) {
		try {
			hook.run();
		}
		catch (RuntimeException ignored) {
			// best effort: the work stops on its own check
		}
	}

	public @Nullable String abortReason() {
		return abortReason;
	}

	public boolean aborted() {
		return abortReason != null;
	}

	/** For loops in driver-based dumps: throws {@link ToolAborted} once aborted. */
	public void throwIfAborted() {
		String reason = abortReason;
		if (reason != null) {
			throw new ToolAborted(reason);
		}
	}

	/** A child process to kill on abort; the adapters' {@code support.ToolProcess} registers what it starts. */
	public void register(Process process) {
		processes.add(process);
		if (aborted()) {
			destroyTree(process);
		}
	}

	public void unregister(Process process) {
		processes.remove(process);
	}

	/** Children first: once the parent is gone they would be re-parented and harder to find. */
	public static void destroyTree(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}
}
