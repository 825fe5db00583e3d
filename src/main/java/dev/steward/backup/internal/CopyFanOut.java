package dev.steward.backup.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of stored bytes written to an upload on every target. A target whose upload cannot be opened or
 * whose write fails is aborted and dropped with its error; the others go on. Only when no target is left does a
 * write fail, so the run fails only if every copy failed.
 */
final class CopyFanOut extends OutputStream {

	private static final Logger log = LoggerFactory.getLogger(CopyFanOut.class);

	private final Map<BackupStore, BackupStore.Upload> live = new LinkedHashMap<>();

	private final Map<BackupStore, String> failed = new LinkedHashMap<>();

	private final List<BackupStore> committed = new ArrayList<>();

	/** The last write failure, rethrown as it is when no target is left (its type gives the run's reason). */
	private @org.jspecify.annotations.Nullable Exception last;

	CopyFanOut(List<BackupStore> stores, String objectName) {
		for (BackupStore store : stores) {
			try {
				live.put(store, store.create(objectName, 0));
			}
			catch (IOException | RuntimeException e) {
				last = e;
				failed.put(store, TargetProbe.describe(e));
			}
		}
	}

	/** Throws what stopped the last target when none could be opened. */
	void requireAny() throws IOException {
		if (live.isEmpty()) {
			throw noneLeft();
		}
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public synchronized void write(byte[] b, int off, int len) throws IOException {
		for (var it = live.entrySet().iterator(); it.hasNext();) {
			var e = it.next();
			try {
				e.getValue().stream().write(b, off, len);
			}
			catch (IOException | RuntimeException ex) {
				drop(e.getKey(), e.getValue(), ex);
				it.remove();
			}
		}
		if (live.isEmpty()) {
			throw noneLeft();
		}
	}

	@Override
	public synchronized void flush() throws IOException {
		for (var it = live.entrySet().iterator(); it.hasNext();) {
			var e = it.next();
			try {
				e.getValue().stream().flush();
			}
			catch (IOException | RuntimeException ex) {
				drop(e.getKey(), e.getValue(), ex);
				it.remove();
			}
		}
		if (live.isEmpty()) {
			throw noneLeft();
		}
	}

	/** Closing does not commit (the pipeline closes its chain before the commit step). */
	@Override
	public void close() throws IOException {
		flush();
	}

	/** Commits every live upload; one that fails joins the failed ones. Answers the targets now holding a copy. */
	synchronized List<BackupStore> commit() {
		for (var e : live.entrySet()) {
			try {
				e.getValue().commit();
				committed.add(e.getKey());
			}
			catch (IOException | RuntimeException ex) {
				drop(e.getKey(), e.getValue(), ex);
			}
		}
		live.clear();
		return List.copyOf(committed);
	}

	/** A committed copy that could not be completed (its manifest failed): removed and failed. */
	synchronized void failCommitted(BackupStore store, Exception e) {
		committed.remove(store);
		failed.put(store, TargetProbe.describe(e));
	}

	synchronized void abortAll() {
		live.values().forEach(BackupStore.Upload::abort);
		live.clear();
	}

	synchronized Map<BackupStore, String> failed() {
		return new LinkedHashMap<>(failed);
	}

	synchronized List<BackupStore> committed() {
		return List.copyOf(committed);
	}

	private IOException noneLeft() {
		if (last instanceof IOException io) {
			return io;
		}
		if (last instanceof RuntimeException r) {
			throw r;
		}
		return new IOException("No storage target took the backup: " + summary());
	}

	private void drop(BackupStore store, BackupStore.Upload upload, Exception e) {
		last = e;
		upload.abort();
		String why = TargetProbe.describe(e);
		log.warn("The copy to storage target {} failed: {}", store.name(), why);
		failed.put(store, why);
	}

	private String summary() {
		List<String> parts = new ArrayList<>();
		failed.forEach((s, why) -> parts.add(s.name() + ": " + why));
		return String.join("; ", parts);
	}
}
