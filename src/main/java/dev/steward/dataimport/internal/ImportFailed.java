package dev.steward.dataimport.internal;

import dev.steward.job.JobException;
import dev.steward.job.ReasonCode;

/** An import stopped at a row or statement the database refused (or the file could not give); nothing stayed. */
public final class ImportFailed extends JobException {

	public ImportFailed(String message, @org.jspecify.annotations.Nullable Throwable cause) {
		super(ReasonCode.TOOL_FAILED, message, cause);
	}
}
