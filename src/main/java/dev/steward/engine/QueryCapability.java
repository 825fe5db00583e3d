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

	/**
	 * Whether DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite): a script can then be imported
	 * all or nothing. Engines whose DDL commits implicitly (MySQL, MariaDB) run a script statement by statement.
	 */
	default boolean transactionalDdl() {
		return false;
	}

	/** The statement that opens a transaction in this engine's console. */
	default String beginTransaction() {
		return "BEGIN";
	}

	/** The statement that commits (or rolls back) a user's open transaction in this engine's console. */
	default String endTransaction(boolean commit) {
		return commit ? "COMMIT" : "ROLLBACK";
	}

	/**
	 * The plan of {@code sql} on {@code session}. With {@code analyze} the statement runs, inside a transaction
	 * that is rolled back whatever it changed; a read-only session stays read-only.
	 *
	 * @throws StatementFailed with the engine's own message
	 * @throws CapabilityUnsupported when the engine cannot explain (or analyze) such a statement
	 */
	default QueryPlan explain(ConsoleSession session, String sql, boolean analyze) {
		throw new CapabilityUnsupported(engine(), QueryPlan.class);
	}

	/** {@code name} as a quoted identifier of this engine's dialect (for generated {@code INSERT}s). */
	default String quoteIdentifier(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

	/**
	 * A statement that reads every row of one table, view or collection ({@code schema} null for engines without
	 * schemas); the names were checked against the catalog and are only quoted here.
	 */
	default String selectAll(@org.jspecify.annotations.Nullable String schema, String table) {
		return "SELECT * FROM " + (schema == null ? "" : quoteIdentifier(schema) + ".") + quoteIdentifier(table);
	}

	/**
	 * A literal for {@code value} (a console string of {@code column}'s kind) in this engine's dialect; numbers and
	 * booleans bare, binaries from their {@code \\x} hex, anything else a quoted string.
	 */
	default String literal(ResultColumn column, String value) {
		return switch (column.kind()) {
			case NUMBER -> plainNumber(value) ? value : quote(value);
			case BOOLEAN -> Boolean.parseBoolean(value) ? "TRUE" : "FALSE";
			case BINARY -> "X'" + (value.startsWith("\\x") ? value.substring(2) : value) + "'";
			default -> quote(value);
		};
	}

	/** Digits with an optional sign, point and exponent: not NaN or Infinity, which only a quoted string can carry. */
	private static boolean plainNumber(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
				return false;
			}
		}
		return Character.isDigit(value.charAt(value.length() - 1));
	}

	/** A string literal: quotes doubled (the SQL standard's only escape). */
	default String quote(String value) {
		return "'" + value.replace("'", "''") + "'";
	}
}
