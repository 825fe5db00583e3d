package dev.steward.query;

/**
 * An export failed after its first bytes were sent (the statement failed mid-result, or the client went away):
 * too late for a problem body, so the connection is cut and the download fails rather than end short.
 */
public class ExportFailed extends RuntimeException {

	public ExportFailed(String message, Throwable cause) {
		super(message, cause);
	}
}
