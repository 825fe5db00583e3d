package dev.steward.engine.support;

import java.util.Optional;

/** Session ids that are positive integers (PostgreSQL backend pids, MySQL thread ids). */
public final class SessionIds {

	private SessionIds() {
	}

	/** The canonical decimal form of a positive integer of at most {@code max}; empty for anything else. */
	public static Optional<String> positive(String raw, long max) {
		if (raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
			return Optional.empty();
		}
		long value = Long.parseLong(raw);
		return value > 0 && value <= max ? Optional.of(Long.toString(value)) : Optional.empty();
	}
}
