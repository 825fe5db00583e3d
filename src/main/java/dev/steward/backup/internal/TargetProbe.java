package dev.steward.backup.internal;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.StorageTestResult;
import dev.steward.backup.StorageTestResult.Step;
import dev.steward.backup.StorageTestResult.StepName;

/**
 * Writes a small random probe object to a store, reads it back and compares it, then deletes it; each step timed.
 * Steps after a failed one are skipped, except the delete (so a probe that was written does not stay).
 */
public final class TargetProbe {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TargetProbe() {
	}

	public static StorageTestResult run(BackupStore store) {
		long start = System.nanoTime();
		String object = "steward-probe/probe-" + UUID.randomUUID() + ".bin";
		byte[] content = new byte[4096];
		RANDOM.nextBytes(content);
		List<Step> steps = new ArrayList<>();
		boolean written = step(steps, StepName.WRITE, () -> store.writeSmall(object, content));
		if (written) {
			step(steps, StepName.READ, () -> {
				try (InputStream in = store.open(object)) {
					if (!Arrays.equals(in.readAllBytes(), content)) {
						throw new IllegalStateException("the probe read back differs from what was written");
					}
				}
			});
		}
		else {
			steps.add(new Step(StepName.READ, false, true, 0, null));
		}
		if (written) {
			step(steps, StepName.DELETE, () -> {
				store.delete(object);
				if (store.exists(object)) {
					throw new IllegalStateException("the probe is still there after deleting it");
				}
			});
		}
		else {
			steps.add(new Step(StepName.DELETE, false, true, 0, null));
		}
		boolean ok = steps.stream().allMatch(Step::ok);
		return new StorageTestResult(ok, OffsetDateTime.now(ZoneOffset.UTC), (System.nanoTime() - start) / 1_000_000,
				steps);
	}

	private interface Action {

		void run() throws Exception;
	}

	private static boolean step(List<Step> steps, StepName name, Action action) {
		long t = System.nanoTime();
		@Nullable String error = null;
		try {
			action.run();
		}
		catch (Exception e) {
			error = describe(e);
		}
		steps.add(new Step(name, error == null, false, (System.nanoTime() - t) / 1_000_000, error));
		return error == null;
	}

	/** The failure in words, with its cause (an SDK error often says little on its own). */
	static String describe(Throwable e) {
		String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
		Throwable cause = e.getCause();
		if (cause != null && cause != e && cause.getMessage() != null && !msg.contains(cause.getMessage())) {
			msg += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
		}
		return BackupRecords.abbreviate(msg, 500);
	}
}
