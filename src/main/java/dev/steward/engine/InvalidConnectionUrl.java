package dev.steward.engine;

/** A connection string that names an engine but cannot be understood; the message says what is wrong. */
public class InvalidConnectionUrl extends RuntimeException {

	public InvalidConnectionUrl(String message) {
		super(message);
	}
}
