package dev.steward.backup;

/**
 * A restore (or artefact removal) that started and failed; the message carries the tool's words.
 * {@link #audited()} says whether a failure event is already in the audit trail.
 */
public class RestoreFailed extends RuntimeException {

	private final boolean audited;

	public RestoreFailed(String message, Throwable cause) {
		this(message, cause, false);
	}

	public RestoreFailed(String message, Throwable cause, boolean audited) {
		super(message, cause);
		this.audited = audited;
	}

	public boolean audited() {
		return audited;
	}
}
