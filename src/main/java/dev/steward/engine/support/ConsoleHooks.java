package dev.steward.engine.support;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/** What differs per engine in a JDBC console session: transactions around a statement, read-only guard, errors. */
public interface ConsoleHooks {

	/**
	 * Before a statement: sets the connection up so its rows stream. Returns true when the statement runs in a
	 * transaction of the session's own making that {@link #after} must end.
	 */
	default boolean before(Connection c, String sql) throws SQLException {
		return false;
	}

	/**
	 * After a statement's result is closed (or it failed: {@code ok} false).
	 *
	 * @param warningStates the SQLSTATEs of the warnings the statement raised (PostgreSQL's "already a transaction
	 *                      in progress" tells that a user's {@code BEGIN} ran inside the session's own transaction)
	 */
	default void after(Connection c, boolean ownTransaction, boolean ok, java.util.Set<String> warningStates)
			throws SQLException {
	}

	/** Whether the user has a transaction open. */
	default boolean inTransaction(Connection c) throws SQLException {
		return !c.getAutoCommit();
	}

	/** The 1-based position of the error in the statement, when the engine reports one. */
	default @Nullable Integer position(SQLException e) {
		return null;
	}

	/** Whether warnings may be read while a streaming result is still open. */
	default boolean warningsWhileStreaming() {
		return true;
	}

	/**
	 * The base table column of result column {@code i} (1-based), or null when it cannot be traced. The default
	 * reads the standard metadata: the table and column names the driver reports, the schema or else the catalog.
	 */
	default dev.steward.engine.@Nullable ColumnOrigin origin(java.sql.ResultSetMetaData md, int i)
			throws SQLException {
		String table = md.getTableName(i);
		String column = md.getColumnName(i);
		String schema = md.getSchemaName(i);
		if (schema == null || schema.isEmpty()) {
			schema = md.getCatalogName(i);
		}
		if (table == null || table.isEmpty() || column == null || column.isEmpty()) {
			return null;
		}
		return new dev.steward.engine.ColumnOrigin(schema == null ? "" : schema, table, column);
	}

	/** Whether the engine's columns are declared loosely (SQLite): values are rendered by their runtime class. */
	default boolean dynamicTypes() {
		return false;
	}
}
