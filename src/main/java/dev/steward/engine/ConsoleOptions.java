package dev.steward.engine;

import org.jspecify.annotations.Nullable;

/**
 * How a console session is opened.
 *
 * @param database    the database to connect to; null for the connection's own
 * @param readOnly    whether the database must refuse writes in this session
 * @param wholeValues whether binary values are rendered whole (exports) instead of truncated for display
 */
public record ConsoleOptions(@Nullable String database, boolean readOnly, boolean wholeValues) {

	/** A console for display: long binaries truncated. */
	public ConsoleOptions(@Nullable String database, boolean readOnly) {
		this(database, readOnly, false);
	}
}
