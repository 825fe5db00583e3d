package dev.steward.engine.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.QueryPlan;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.ScriptStatement;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.support.ConsoleHooks;
import dev.steward.engine.support.Failures;
import dev.steward.engine.support.JdbcConsoleSession;
import dev.steward.engine.support.PlanStatements;
import dev.steward.engine.support.PlanTrees;
import dev.steward.engine.support.ScriptSplitter;
import dev.steward.engine.support.TargetJdbc;
import dev.steward.engine.support.TempPem;

/**
 * The PostgreSQL console. pgjdbc streams rows only with autocommit off, so a query outside a user's transaction
 * runs in a transaction of the session's own, committed when its cursor closes; other statements run in
 * autocommit (so {@code CREATE DATABASE} and {@code VACUUM} work) and a user's {@code BEGIN} stays open.
 * Read-only sessions run every statement in a transaction and roll back any that is no longer read-only, so a
 * {@code SET … READ WRITE} (or {@code SET transaction_read_only = off}, {@code BEGIN READ WRITE}) cannot let a
 * write through: the check runs after every statement, before the session commits anything, and a user's
 * transaction is checked the same way before each of its statements and after it. A user's {@code BEGIN} in a
 * read-only session turns the session's own transaction into the user's, so it holds between runs. Procedures
 * cannot commit behind the check: a {@code CALL} inside a transaction block may not end it.
 */
@Component
public class PostgresQuery implements QueryCapability {

	private static final Pattern QUERY = Pattern.compile("^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(select|with|values|table|show|explain|fetch)\\b",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	/** SQLSTATE of the warning a BEGIN raises inside an open transaction. */
	private static final String ALREADY_IN_TRANSACTION = "25001";

	private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

	private final PostgresAdapter adapter;

	private final TargetAccess access;

	public PostgresQuery(PostgresAdapter adapter, TargetAccess access) {
		this.adapter = adapter;
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	/** DDL is transactional here: a script import rolls back as a whole. */
	@Override
	public boolean transactionalDdl() {
		return true;
	}

	@Override
	public List<ScriptStatement> split(String script) {
		return ScriptSplitter.postgres().split(script);
	}

	@Override
	public ConsoleSession open(ConnectionSpec spec, ConsoleOptions options) {
		ConnectionSpec target = options.database() == null ? spec : spec.withDatabase(options.database());
		access.check(target);
		Path caFile = null;
		try {
			caFile = caFile(target);
			// the connect is bounded; statements run as long as the user lets them (cancel ends them)
			Connection c = TargetJdbc.connect(DRIVER, adapter.jdbcUrl(target),
					adapter.properties(target, access.connectTimeout(), caFile), Duration.ZERO);
			try {
				if (options.readOnly()) {
					try (Statement s = c.createStatement()) {
						s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
					}
				}
				return new JdbcConsoleSession(c, new Hooks(options.readOnly()), options.wholeValues());
			}
			catch (SQLException | RuntimeException e) {
				c.close();
				throw e;
			}
		}
		catch (SQLException e) {
			throw new TargetUnreachable(PostgresAdapter.classify(e), Failures.scrub(Failures.describe(e),
					spec.password()), e);
		}
		catch (IOException e) {
			throw new TargetUnreachable(FailureCategory.UNKNOWN, "Could not write the CA certificate", e);
		}
		finally {
			TempPem.deleteQuietly(caFile);
		}
	}

	/** bytea from its {@code \\x} hex ({@code X'…'} would be a bit string here). */
	@Override
	public String literal(ResultColumn column, String value) {
		if (column.kind() == ResultColumn.ValueKind.BINARY) {
			return quote(value) + "::bytea";
		}
		return QueryCapability.super.literal(column, value);
	}

	/** {@code EXPLAIN (FORMAT JSON)}; with ANALYZE (and BUFFERS) inside a transaction that is rolled back. */
	@Override
	public QueryPlan explain(ConsoleSession session, String sql, boolean analyze) {
		String explain = "EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE, BUFFERS" : "") + ") " + sql;
		var rows = PlanStatements.rows(session, explain, analyze ? "BEGIN" : null, "ROLLBACK");
		return PlanTrees.postgres(PlanStatements.text(rows), analyze);
	}

	private static @Nullable Path caFile(ConnectionSpec spec) throws IOException {
		boolean verifying = spec.sslMode() == dev.steward.engine.SslMode.VERIFY_CA
				|| spec.sslMode() == dev.steward.engine.SslMode.VERIFY_FULL;
		return verifying && spec.caCertificate() != null ? TempPem.write(spec.caCertificate()) : null;
	}

	private record Hooks(boolean readOnly) implements ConsoleHooks {

		/** pgjdbc's base names (it asks the server once per result); the standard getters give labels only. */
		@Override
		public dev.steward.engine.@org.jspecify.annotations.Nullable ColumnOrigin origin(
				java.sql.ResultSetMetaData md, int i) throws SQLException {
			org.postgresql.PGResultSetMetaData pg = md.unwrap(org.postgresql.PGResultSetMetaData.class);
			String table = pg.getBaseTableName(i);
			String column = pg.getBaseColumnName(i);
			if (table == null || table.isEmpty() || column == null || column.isEmpty()) {
				return null;
			}
			String schema = pg.getBaseSchemaName(i);
			return new dev.steward.engine.ColumnOrigin(schema == null ? "" : schema, table, column);
		}

		@Override
		public boolean before(Connection c, String sql) throws SQLException {
			TransactionState state = c.unwrap(BaseConnection.class).getTransactionState();
			if (state != TransactionState.IDLE) {
				guard(c);
				c.setAutoCommit(false); // only a flag while a transaction is open: rows stream through a cursor
				return false;
			}
			if (readOnly || QUERY.matcher(sql).find()) {
				c.setAutoCommit(false); // pgjdbc opens the transaction with the statement
				return true;
			}
			c.setAutoCommit(true);
			return false;
		}

		@Override
		public void after(Connection c, boolean ownTransaction, boolean ok, java.util.Set<String> warningStates)
				throws SQLException {
			TransactionState state = c.unwrap(BaseConnection.class).getTransactionState();
			if (state == TransactionState.IDLE) {
				return;
			}
			if (ownTransaction && ok && warningStates.contains(ALREADY_IN_TRANSACTION)) {
				// the user's BEGIN ran inside the session's own transaction (25001 "already a transaction in
				// progress"): that transaction becomes the user's and stays open; in a read-only session it is
				// still checked, now and after every later statement (guard), before anything can commit
				guard(c);
				return;
			}
			if (ownTransaction) {
				if (ok && readOnlyHeld(c)) {
					c.commit();
				}
				else {
					c.rollback();
					if (ok) {
						throw refused(c);
					}
				}
			}
			else if (ok) {
				guard(c);
			}
		}

		/** In a read-only session, a transaction that is no longer read-only is rolled back before anything else. */
		private void guard(Connection c) throws SQLException {
			if (!readOnlyHeld(c)) {
				c.rollback();
				throw refused(c);
			}
		}

		private boolean readOnlyHeld(Connection c) throws SQLException {
			if (!readOnly) {
				return true;
			}
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
				return rs.next() && "on".equals(rs.getString(1).toLowerCase(Locale.ROOT));
			}
		}

		private SQLException refused(Connection c) throws SQLException {
			boolean auto = c.getAutoCommit();
			c.setAutoCommit(true);
			try (Statement s = c.createStatement()) {
				s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
			}
			c.setAutoCommit(auto);
			return new SQLException("This console session is read-only: the transaction was rolled back", "25006");
		}

		@Override
		public boolean inTransaction(Connection c) throws SQLException {
			return c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
		}

		@Override
		public @Nullable Integer position(SQLException e) {
			if (e instanceof PSQLException p && p.getServerErrorMessage() != null
					&& p.getServerErrorMessage().getPosition() > 0) {
				return p.getServerErrorMessage().getPosition();
			}
			return null;
		}
	}

}
