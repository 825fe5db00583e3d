package dev.steward.shared;

/** The request is well formed but clashes with current state (duplicate name, wrong confirmation). */
public class Conflict extends RuntimeException {

	public Conflict(String message) {
		super(message);
	}
}
