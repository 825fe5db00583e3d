package dev.steward.shared;

/**
 * Something the caller asked for does not exist, or exists but is not theirs to see:
 * both answer 404 so that nobody learns of another user's private objects.
 */
public class NotFound extends RuntimeException {

	private final String type;

	public NotFound(String type, Object id) {
		super(type + " " + id + " was not found");
		this.type = type;
	}

	public String type() {
		return type;
	}
}
