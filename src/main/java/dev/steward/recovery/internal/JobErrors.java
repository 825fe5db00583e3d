package dev.steward.recovery.internal;

import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.job.JobContext;
import dev.steward.job.JobException;
import dev.steward.job.ReasonCode;

/** Gives the engine's failures their job reason codes, so a failed recovery job says what kind of failure it was. */
final class JobErrors {

	private JobErrors() {
	}

	interface Work {

		void run() throws Exception;
	}

	static void coded(JobContext job, Work work) throws Exception {
		try {
			work.run();
		}
		catch (TargetUnreachable e) {
			throw new JobException(ReasonCode.TARGET_UNREACHABLE, String.valueOf(e.getMessage()), e);
		}
		catch (ToolUnavailable e) {
			throw new JobException(ReasonCode.TOOL_UNAVAILABLE, String.valueOf(e.getMessage()), e);
		}
		catch (ToolFailed | IllegalStateException e) {
			if (job.aborted() != null) {
				throw e;
			}
			throw new JobException(ReasonCode.TOOL_FAILED, String.valueOf(e.getMessage()), e);
		}
	}
}
