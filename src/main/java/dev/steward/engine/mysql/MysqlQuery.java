package dev.steward.engine.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.mariadb.jdbc.util.constants.ServerStatus;
import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.EngineKind;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.QueryPlan;
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

/**
 * The MySQL/MariaDB console: autocommit as the server has it (a user's {@code START TRANSACTION} stays open),
 * rows streamed ({@code setFetchSize}), cancel through the driver's {@code KILL QUERY}. Read-only sessions: see
 * {@link Hooks}.
 */
@Component
public class MysqlQuery implements QueryCapability {

	private static final org.mariadb.jdbc.Driver DRIVER = new org.mariadb.jdbc.Driver();

	private final TargetAccess access;

	public MysqlQuery(TargetAccess access) {
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public List<ScriptStatement> split(String script) {
		return ScriptSplitter.mysql().split(script);
	}

	@Override
	public ConsoleSession open(ConnectionSpec spec, ConsoleOptions options) {
		access.check(spec);
		String database = options.database() == null ? spec.database() : options.database();
		Properties props = MysqlAdapter.properties(spec, database, access.connectTimeout());
		props.setProperty("allowMultiQueries", "false"); // one statement per packet: the read-only check sees each
		try {
			Connection c = TargetJdbc.connect(DRIVER, MysqlAdapter.jdbcUrl(spec), props, Duration.ZERO);
			try {
				Hooks hooks = new Hooks(options.readOnly());
				hooks.restate(c);
				return new JdbcConsoleSession(c, hooks, options.wholeValues());
			}
			catch (SQLException | RuntimeException e) {
				c.close();
				throw e;
			}
		}
		catch (SQLException e) {
			throw new TargetUnreachable(MysqlAdapter.classify(e), Failures.scrub(Failures.describe(e),
					spec.password()), e);
		}
	}

	/**
	 * {@code EXPLAIN FORMAT=JSON}, or {@code ANALYZE FORMAT=JSON} (which runs the statement) inside a transaction
	 * that is rolled back.
	 */
	@Override
	public QueryPlan explain(ConsoleSession session, String sql, boolean analyze) {
		String explain = (analyze ? "ANALYZE" : "EXPLAIN") + " FORMAT=JSON " + sql;
		var rows = PlanStatements.rows(session, explain, analyze ? "START TRANSACTION" : null, "ROLLBACK");
		return PlanTrees.mysql(PlanStatements.text(rows), analyze);
	}

	@Override
	public String quoteIdentifier(String name) {
		return '`' + name.replace("`", "``") + '`';
	}

	/** Backslashes escape in MySQL strings unless NO_BACKSLASH_ESCAPES is set; doubled, they are literal either way. */
	@Override
	public String quote(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	/**
	 * Read-only without a read-only account. MariaDB cannot tell whether the open transaction is read-only
	 * ({@code @@tx_read_only} is the session default, and {@code START TRANSACTION READ WRITE} overrides it), so
	 * the session restates {@code SET SESSION TRANSACTION READ ONLY} before every statement (an autocommit
	 * statement then runs read-only) and after every statement accepts an open transaction only if it is one it
	 * opened itself with {@code START TRANSACTION READ ONLY}: that one carries a savepoint of the session's, which
	 * any new transaction (a user's {@code START TRANSACTION READ WRITE}, {@code COMMIT AND CHAIN}, an implicit one
	 * under {@code autocommit = 0}) lacks. Such a transaction is rolled back at once — before the user's next
	 * statement, so nothing it could write is kept — and replaced by a read-only one, which the user then holds
	 * between runs. Multi-statement packets are off, so every statement passes the check. What no session setting
	 * can stop is a stored procedure, created by someone allowed to, that commits its own writes.
	 */
	private record Hooks(boolean readOnly) implements ConsoleHooks {

		private static final String MARK = "steward_read_only";

		private static final int SAVEPOINT_DOES_NOT_EXIST = 1305;

		void restate(Connection c) throws SQLException {
			if (readOnly) {
				try (Statement s = c.createStatement()) {
					s.execute("SET SESSION TRANSACTION READ ONLY");
				}
			}
		}

		@Override
		public boolean before(Connection c, String sql) throws SQLException {
			restate(c);
			return false;
		}

		@Override
		public void after(Connection c, boolean ownTransaction, boolean ok, java.util.Set<String> warningStates)
				throws SQLException {
			if (!readOnly || !inTransaction(c)) {
				return;
			}
			try (Statement s = c.createStatement()) {
				try {
					s.execute("RELEASE SAVEPOINT " + MARK);
				}
				catch (SQLException e) {
					if (e.getErrorCode() != SAVEPOINT_DOES_NOT_EXIST) {
						throw e;
					}
					s.execute("ROLLBACK"); // a transaction the session did not open read-only: nothing of it stays
					s.execute("START TRANSACTION READ ONLY");
				}
				s.execute("SAVEPOINT " + MARK);
			}
		}
		/** From the server status the last reply carried: no statement, so a streaming result stays untouched. */
		@Override
		public boolean inTransaction(Connection c) throws SQLException {
			return (c.unwrap(org.mariadb.jdbc.Connection.class).getContext().getServerStatus()
					& ServerStatus.IN_TRANSACTION) != 0;
		}

		@Override
		public boolean warningsWhileStreaming() {
			return false; // the driver asks SHOW WARNINGS, which cannot run while rows stream
		}
	}
}
