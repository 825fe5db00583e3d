package dev.steward.engine;

/** An archive the engine's own tool cannot read, or one with nothing in it. */
public class ArchiveInvalid extends RuntimeException {

	public ArchiveInvalid(String message) {
		super(message);
	}
}
