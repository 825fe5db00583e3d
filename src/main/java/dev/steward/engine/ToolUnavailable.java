package dev.steward.engine;

/**
 * A dump or restore cannot start: the client tool is missing or too old for the server, the server
 * cannot be reached. The message names versions and how to fix it.
 */
public class ToolUnavailable extends RuntimeException {

	public ToolUnavailable(String message) {
		super(message);
	}

	public ToolUnavailable(String message, Throwable cause) {
		super(message, cause);
	}
}
