package dev.steward.engine;

/** The target could not answer a catalog question (unreachable, timed out, refused); the message says why. */
public class CatalogUnavailable extends RuntimeException {

	public CatalogUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

	public CatalogUnavailable(String message) {
		super(message);
	}
}
