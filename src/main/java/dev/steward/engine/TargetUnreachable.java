package dev.steward.engine;

/**
 * A target database could not be reached in time (or at all) before an operation could start; {@link #category()}
 * says why in the connection test's terms (TIMEOUT, HOST_UNREACHABLE …).
 */
public class TargetUnreachable extends RuntimeException {

	private final FailureCategory category;

	public TargetUnreachable(FailureCategory category, String message, Throwable cause) {
		super(message, cause);
		this.category = category;
	}

	public FailureCategory category() {
		return category;
	}
}
