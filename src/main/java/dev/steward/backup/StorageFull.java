package dev.steward.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.steward.job.ReasonCode;
import dev.steward.job.ReasonCoded;

/**
 * A write failed because the file system it went to has no room left. Decided from the file system's free space
 * when the write failed, not from the operating system's message text.
 */
public class StorageFull extends IOException implements ReasonCoded {

	/** Below this much usable space a failed write is taken for a full disk. */
	static final long NEARLY_FULL = 4L * 1024 * 1024;

	public StorageFull(Path where, IOException cause) {
		super("The storage at " + where + " is full (no space left for the write)", cause);
	}

	@Override
	public ReasonCode reasonCode() {
		return ReasonCode.DISK_FULL;
	}

	/** {@code failure} as a {@link StorageFull} when {@code dir}'s file system is (nearly) out of space, else itself. */
	public static IOException classify(Path dir, IOException failure) {
		if (failure instanceof ReasonCoded) {
			return failure;
		}
		try {
			Path existing = dir;
			while (existing != null && !Files.exists(existing)) {
				existing = existing.getParent();
			}
			if (existing != null && Files.getFileStore(existing).getUsableSpace() < NEARLY_FULL) {
				return new StorageFull(dir, failure);
			}
		}
		catch (IOException ignored) {
			// cannot tell: report the write's own failure
		}
		return failure;
	}
}
