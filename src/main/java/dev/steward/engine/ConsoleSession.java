package dev.steward.engine;

/**
 * A console's own connection to a target. Not thread-safe except {@link #cancel()}, which another thread calls
 * while {@link #execute} or a result's fetch is running.
 */
public interface ConsoleSession extends AutoCloseable {

	/**
	 * Runs one statement. Returns once its first rows (or its update count) are available; the rows stream from
	 * the server as {@link StatementResult#fetch} asks for them. The previous result must be closed first.
	 *
	 * @throws StatementFailed with the engine's own message (and position when it gives one)
	 */
	StatementResult execute(String sql, int fetchSize);

	/** Cancels the running statement at the server (PostgreSQL cancel request, KILL QUERY, interrupt). */
	void cancel();

	/** Whether a transaction the user opened is still open. */
	boolean inTransaction();

	/** Whether the connection still works (false after the server ended it). */
	boolean isOpen();

	@Override
	void close();
}
