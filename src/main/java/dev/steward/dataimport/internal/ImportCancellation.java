package dev.steward.dataimport.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.steward.engine.TableData.Cancellation;

/** Set by the job's abort (cancel, timeout, shutdown); runs the hooks the load registered (statement cancel). */
final class ImportCancellation implements Cancellation {

	private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

	private volatile boolean cancelled;

	@Override
	public void onCancel(Runnable hook) {
		hooks.add(hook);
		if (cancelled) {
			hook.run();
		}
	}

	@Override
	public boolean cancelled() {
		return cancelled;
	}

	void cancel() {
		cancelled = true;
		hooks.forEach(Runnable::run);
	}
}
