package dev.steward.job;

import org.jspecify.annotations.Nullable;

/** Why a job failed or was cancelled: a typed reason code and a message for people. */
public record JobFailure(ReasonCode reason, String message) {

	/** The code of the first {@link ReasonCoded} in {@code t}'s cause chain, else {@link ReasonCode#INTERNAL}. */
	public static JobFailure of(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c instanceof ReasonCoded coded) {
				return new JobFailure(coded.reasonCode(), describe(c));
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return new JobFailure(ReasonCode.INTERNAL, describe(t));
	}

	private static String describe(@Nullable Throwable t) {
		if (t == null) {
			return "";
		}
		String m = t.getMessage();
		return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
	}
}
