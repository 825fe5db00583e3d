package dev.steward.engine;

import org.jspecify.annotations.Nullable;

/**
 * A statement failed at the database, in the engine's own words.
 *
 * @see #position() 1-based character position in the statement, when the engine gives one
 */
public class StatementFailed extends RuntimeException {

	private final @Nullable String sqlState;

	private final @Nullable Integer position;

	private final boolean cancelled;

	public StatementFailed(String message, @Nullable String sqlState, @Nullable Integer position, boolean cancelled,
			@Nullable Throwable cause) {
		super(message, cause);
		this.sqlState = sqlState;
		this.position = position;
		this.cancelled = cancelled;
	}

	public @Nullable String sqlState() {
		return sqlState;
	}

	public @Nullable Integer position() {
		return position;
	}

	/** Whether the statement ended because it was cancelled. */
	public boolean cancelled() {
		return cancelled;
	}
}
