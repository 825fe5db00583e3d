package dev.steward.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;

/**
 * An execution as the API shows it: its status, and per statement run so far its result.
 *
 * @param readOnly      whether the session runs read-only (VIEWERs, and users who may not edit the connection)
 * @param inTransaction whether the session has a transaction open after the last statement
 * @param continueOnError whether the script went on after a failing statement
 * @param failedStatements how many statements failed (more than one only with {@code continueOnError})
 */
public record ExecutionView(UUID id, UUID sessionId, UUID connectionId, @Nullable String database,
		ExecutionStatus status, int statementCount, Instant startedAt, long durationMillis, boolean readOnly,
		boolean inTransaction, boolean continueOnError, int failedStatements, List<ResultView> results,
		@Nullable ExecutionError error) {

	/**
	 * One statement's result.
	 *
	 * @param rows        the first page; SQL NULL is JSON null, every other value a string
	 * @param hasMore     whether further rows can be paged through {@code /rows}
	 * @param updateCount rows changed, -1 when the statement returned rows or the engine does not say
	 * @param error       why this statement failed, when the script was run with "continue on error"
	 */
	public record ResultView(int index, String statement, List<ResultColumn> columns, List<List<@Nullable String>> rows,
			boolean hasMore, long updateCount, List<String> notices, long durationMillis,
			@Nullable ExecutionError error) {
	}

	/**
	 * Why the execution stopped.
	 *
	 * @param statementIndex 0-based index of the failing statement in the script
	 * @param position       1-based character position in that statement, when the engine gives one
	 * @param line           1-based line of that position (or of the statement's start) in the whole script
	 * @param statement      the failing statement's first line (abbreviated), to name it
	 */
	public record ExecutionError(int statementIndex, String message, @Nullable String sqlState,
			@Nullable Integer position, int line, @Nullable String statement) {
	}
}
