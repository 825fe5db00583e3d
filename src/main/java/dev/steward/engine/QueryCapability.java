package dev.steward.engine;

import java.util.List;

/**
 * The SQL console: a dedicated connection per console session (so {@code SET}, temporary tables and open
 * transactions persist between runs), statements with streamed rows, cancel at the server, and scripts split
 * the way the engine's own client splits them.
 */
public interface QueryCapability extends EngineCapability {

	/**
	 * Opens one connection of its own (never from a shared pool), time-bounded by the engine's connect timeout;
	 * read-only sessions are made read-only by the database itself.
	 */
	ConsoleSession open(ConnectionSpec spec, ConsoleOptions options);

	/** Splits a script into statements following the engine's dialect (quotes, comments, blocks). */
	List<ScriptStatement> split(String script);

	/** The statement that commits (or rolls back) a user's open transaction in this engine's console. */
	default String endTransaction(boolean commit) {
		return commit ? "COMMIT" : "ROLLBACK";
	}
}
