package dev.steward.engine;

/** A dump or restore stopped on purpose: cancelled by a user, stalled, or past its deadline. */
public class ToolAborted extends RuntimeException {

	public ToolAborted(String reason) {
		super(reason);
	}
}
