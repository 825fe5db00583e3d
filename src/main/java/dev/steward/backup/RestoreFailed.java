package dev.steward.backup;

/** A restore (or artefact removal) that started and failed; the message carries the tool's words. */
public class RestoreFailed extends RuntimeException {

	public RestoreFailed(String message, Throwable cause) {
		super(message, cause);
	}
}
