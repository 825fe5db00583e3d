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
 * rows streamed ({@code setFetchSize}), cancel through the driver's {@code KILL QUERY}. Read-only sessions are
 * {@code SET SESSION TRANSACTION READ ONLY}, restated before every statement.
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

	private record Hooks(boolean readOnly) implements ConsoleHooks {

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
