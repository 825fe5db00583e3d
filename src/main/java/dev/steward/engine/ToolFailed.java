package dev.steward.engine;

/** An external tool or driver operation failed; the message carries its own (capped) words. */
public class ToolFailed extends RuntimeException {

	public ToolFailed(String message) {
		super(message);
	}

	public ToolFailed(String message, Throwable cause) {
		super(message, cause);
	}
}
