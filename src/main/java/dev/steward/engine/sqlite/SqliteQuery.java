package dev.steward.engine.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.springframework.stereotype.Component;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.InvalidConnectionUrl;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.QueryPlan;
import dev.steward.engine.ScriptStatement;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.support.ConsoleHooks;
import dev.steward.engine.support.JdbcConsoleSession;
import dev.steward.engine.support.PlanStatements;
import dev.steward.engine.support.PlanTrees;
import dev.steward.engine.support.ScriptSplitter;

/**
 * The SQLite console: the file opened on a connection of its own, rows stepped as they are fetched, cancel by
 * {@code sqlite3_interrupt}. Read-only sessions open the file read-only ({@code SQLITE_OPEN_READONLY}, which no
 * statement can lift) and set {@code PRAGMA query_only}.
 */
@Component
public class SqliteQuery implements QueryCapability {

	private final TargetAccess access;

	public SqliteQuery(TargetAccess access) {
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	/** DDL is transactional here: a script import rolls back as a whole. */
	@Override
	public boolean transactionalDdl() {
		return true;
	}

	@Override
	public List<ScriptStatement> split(String script) {
		return ScriptSplitter.sqlite().split(script);
	}

	@Override
	public ConsoleSession open(ConnectionSpec spec, ConsoleOptions options) {
		if (spec.filePath() == null) {
			throw new InvalidConnectionUrl("A SQLite connection needs a file path");
		}
		SQLiteConfig config = new SQLiteConfig();
		config.resetOpenMode(SQLiteOpenMode.CREATE);
		config.setOpenMode(options.readOnly() ? SQLiteOpenMode.READONLY : SQLiteOpenMode.READWRITE);
		config.setReadOnly(options.readOnly());
		config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, access.connectTimeout().toMillis()));
		SQLiteDataSource source = new SQLiteDataSource(config);
		source.setUrl("jdbc:sqlite:" + Path.of(spec.filePath()));
		try {
			Connection c = source.getConnection();
			try {
				if (options.readOnly()) {
					try (Statement s = c.createStatement()) {
						s.execute("PRAGMA query_only = 1");
					}
				}
				return new JdbcConsoleSession(c, new Hooks(), options.wholeValues());
			}
			catch (SQLException | RuntimeException e) {
				c.close();
				throw e;
			}
		}
		catch (SQLException e) {
			throw new TargetUnreachable(FailureCategory.UNKNOWN, "Could not open the SQLite file: " + e.getMessage(),
					e);
		}
	}

	/** {@code EXPLAIN QUERY PLAN}: SQLite has no ANALYZE of a statement, so the plan is never an analyzed one. */
	@Override
	public QueryPlan explain(ConsoleSession session, String sql, boolean analyze) {
		return PlanTrees.sqlite(PlanStatements.rows(session, "EXPLAIN QUERY PLAN " + sql, null, "ROLLBACK"));
	}

	private static final class Hooks implements ConsoleHooks {

		@Override
		public boolean inTransaction(Connection c) throws SQLException {
			return false;
		}

		@Override
		public boolean dynamicTypes() {
			return true;
		}
	}
}
