package dev.steward.job;

/** A job's work failed for a known reason: the reason code is typed, the message is for people. */
public class JobException extends RuntimeException implements ReasonCoded {

	private final ReasonCode reasonCode;

	public JobException(ReasonCode reasonCode, String message) {
		super(message);
		this.reasonCode = reasonCode;
	}

	public JobException(ReasonCode reasonCode, String message, Throwable cause) {
		super(message, cause);
		this.reasonCode = reasonCode;
	}

	@Override
	public ReasonCode reasonCode() {
		return reasonCode;
	}
}
