package dev.steward.shared;

/**
 * A per-user limit was reached (e.g. concurrent console sessions): the request is refused with 429 naming the
 * limit, not queued, so a user cannot make the server hold more than the administrator allowed.
 */
public class LimitExceeded extends RuntimeException {

	private final String limit;

	private final int value;

	/** {@code limit} is the limit's stable name (e.g. {@code maxConsoleSessions}); {@code value} its setting. */
	public LimitExceeded(String limit, int value, String message) {
		super(message);
		this.limit = limit;
		this.value = value;
	}

	public String limit() {
		return limit;
	}

	public int value() {
		return value;
	}
}
