package dev.steward.backup.internal;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.FileRefused;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.job.JobException;
import dev.steward.job.JobFailure;
import dev.steward.job.ReasonCode;
import dev.steward.job.ReasonCoded;

/**
 * Turns what a backup, restore or verification threw into a typed {@link ReasonCode}: by the exception's type
 * (the backup module's own exceptions carry their code; the engine's are mapped here), never by its message.
 */
public final class BackupFailures {

	private BackupFailures() {
	}

	public static ReasonCode reasonOf(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
			ReasonCode code = direct(c);
			if (code != null) {
				return code;
			}
		}
		return ReasonCode.INTERNAL;
	}

	private static @Nullable ReasonCode direct(Throwable t) {
		return switch (t) {
			case ReasonCoded coded -> coded.reasonCode();
			case TargetUnreachable u -> ReasonCode.TARGET_UNREACHABLE;
			case ArchiveInvalid a -> ReasonCode.INVALID_ARCHIVE;
			case FileRefused f -> ReasonCode.REFUSED;
			case ToolUnavailable u -> ReasonCode.TOOL_UNAVAILABLE;
			case ToolFailed f -> ReasonCode.TOOL_FAILED;
			default -> null;
		};
	}

	/** {@code t} as a failure of its typed reason, with {@code prefix} before its message. */
	public static JobException typed(Throwable t, String prefix) {
		JobFailure plain = JobFailure.of(t);
		return new JobException(reasonOf(t), prefix + plain.message(), t);
	}

	/** Whether the backup itself could not be read (so nothing was changed by a restore that stopped there). */
	public static boolean unreadable(ReasonCode code) {
		return switch (code) {
			case CHECKSUM_MISMATCH, DAMAGED, WRONG_KEY, INVALID_ARCHIVE, REFUSED, STORAGE_UNAVAILABLE -> true;
			default -> false;
		};
	}
}
