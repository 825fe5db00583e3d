package dev.steward.engine.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConsoleSession;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;

/**
 * A console session over one JDBC connection of its own. Rows stream through the driver's cursor
 * ({@code setFetchSize}); {@link #cancel()} goes to the server through {@link Statement#cancel()}.
 */
public final class JdbcConsoleSession implements ConsoleSession {

	/** Notices kept per statement; a loop of RAISE NOTICE must not fill the heap. */
	static final int MAX_NOTICES = 200;

	private final Connection connection;

	private final ConsoleHooks hooks;

	private volatile @Nullable Statement running;

	private volatile boolean cancelRequested;

	private @Nullable Result open;

	private final int binaryLimit;

	public JdbcConsoleSession(Connection connection, ConsoleHooks hooks) {
		this(connection, hooks, false);
	}

	/** With {@code wholeValues}, binaries are rendered whole (exports) rather than truncated for display. */
	public JdbcConsoleSession(Connection connection, ConsoleHooks hooks, boolean wholeValues) {
		this.connection = connection;
		this.hooks = hooks;
		this.binaryLimit = wholeValues ? Integer.MAX_VALUE : ValueRendering.BINARY_DISPLAY_BYTES;
	}

	@Override
	public StatementResult execute(String sql, int fetchSize) {
		if (open != null) {
			open.close();
		}
		cancelRequested = false;
		boolean own = false;
		Statement statement = null;
		try {
			own = hooks.before(connection, sql);
			statement = connection.createStatement();
			statement.setFetchSize(fetchSize);
			running = statement;
			boolean rows = statement.execute(sql);
			Result result = new Result(statement, own, rows ? statement.getResultSet() : null,
					rows ? -1 : statement.getUpdateCount());
			if (!rows) {
				result.finish(true);
			}
			else {
				open = result;
			}
			return result;
		}
		catch (SQLException e) {
			StatementFailed failure = failed(e);
			end(statement, own, false, java.util.Set.of());
			throw failure;
		}
		finally {
			running = null;
		}
	}

	private StatementFailed failed(SQLException e) {
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		return new StatementFailed(message, e.getSQLState(), hooks.position(e), cancelRequested, e);
	}

	private void end(@Nullable Statement statement, boolean own, boolean ok, java.util.Set<String> warningStates) {
		try {
			if (statement != null) {
				statement.close();
			}
		}
		catch (SQLException e) {
			// the statement is gone either way
		}
		try {
			hooks.after(connection, own, ok, warningStates);
		}
		catch (SQLException e) {
			if (ok) {
				throw failed(e);
			}
		}
	}

	@Override
	public void cancel() {
		Statement statement = running;
		cancelRequested = true;
		if (statement != null) {
			try {
				statement.cancel();
			}
			catch (SQLException e) {
				// it may have ended meanwhile
			}
		}
	}

	@Override
	public boolean inTransaction() {
		Result result = open;
		if (result != null && result.own) {
			return false; // the transaction an open cursor runs in is the session's own, not the user's
		}
		try {
			return hooks.inTransaction(connection);
		}
		catch (SQLException e) {
			return false;
		}
	}

	@Override
	public boolean isOpen() {
		try {
			return !connection.isClosed();
		}
		catch (SQLException e) {
			return false;
		}
	}

	@Override
	public void close() {
		Statement statement = running;
		if (statement != null) {
			cancel();
		}
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException e) {
			// closing anyway
		}
		try {
			connection.close();
		}
		catch (SQLException e) {
			// nothing left to release
		}
	}

	private final class Result implements StatementResult {

		private final Statement statement;

		private final boolean own;

		private final @Nullable ResultSet rows;

		private final long updateCount;

		private final List<ResultColumn> columns = new ArrayList<>();

		private final List<String> notices = new ArrayList<>();

		private final java.util.Set<String> warningStates = new java.util.HashSet<>();

		private boolean exhausted;

		private boolean closed;

		Result(Statement statement, boolean own, @Nullable ResultSet rows, long updateCount) throws SQLException {
			this.statement = statement;
			this.own = own;
			this.rows = rows;
			this.updateCount = updateCount;
			if (rows != null) {
				ResultSetMetaData md = rows.getMetaData();
				for (int i = 1; i <= md.getColumnCount(); i++) {
					columns.add(ValueRendering.column(md, i));
				}
				if (hooks.warningsWhileStreaming()) {
					collectWarnings();
				}
			}
			else {
				exhausted = true;
				collectWarnings();
			}
		}

		@Override
		public List<ResultColumn> columns() {
			return List.copyOf(columns);
		}

		@Override
		public long updateCount() {
			return updateCount;
		}

		@Override
		public synchronized List<dev.steward.engine.@Nullable ColumnOrigin> origins() {
			ResultSet rs = rows;
			if (rs == null) {
				return List.of();
			}
			List<dev.steward.engine.@Nullable ColumnOrigin> out = new ArrayList<>(columns.size());
			try {
				ResultSetMetaData md = rs.getMetaData();
				for (int i = 1; i <= columns.size(); i++) {
					out.add(hooks.origin(md, i));
				}
			}
			catch (SQLException | RuntimeException e) {
				// not traceable now: every column counts as untraced, which masks rather than reveals
				out.clear();
				for (int i = 0; i < columns.size(); i++) {
					out.add(null);
				}
			}
			return java.util.Collections.unmodifiableList(out);
		}

		@Override
		public synchronized List<String> notices() {
			return List.copyOf(notices);
		}

		@Override
		public List<List<@Nullable String>> fetch(int max) {
			ResultSet rs = rows;
			if (rs == null || exhausted || closed) {
				return List.of();
			}
			List<List<@Nullable String>> page = new ArrayList<>(Math.min(max, 1024));
			running = statement;
			try {
				while (page.size() < max) {
					if (!rs.next()) {
						exhausted = true;
						collectWarnings();
						break;
					}
					List<@Nullable String> row = new ArrayList<>(columns.size());
					for (int i = 0; i < columns.size(); i++) {
						row.add(ValueRendering.render(rs, i + 1, columns.get(i), hooks.dynamicTypes(), binaryLimit));
					}
					page.add(row);
				}
				if (hooks.warningsWhileStreaming() && !exhausted) {
					collectWarnings();
				}
				return page;
			}
			catch (SQLException e) {
				StatementFailed failure = failed(e);
				finish(false);
				throw failure;
			}
			finally {
				running = null;
			}
		}

		private synchronized void collectWarnings() throws SQLException {
			SQLWarning w = statement.getWarnings();
			while (w != null && notices.size() < MAX_NOTICES) {
				notices.add(w.getMessage());
				if (w.getSQLState() != null) {
					warningStates.add(w.getSQLState());
				}
				w = w.getNextWarning();
			}
			statement.clearWarnings();
		}

		@Override
		public boolean exhausted() {
			return exhausted;
		}

		void finish(boolean ok) {
			if (closed) {
				return;
			}
			closed = true;
			if (open == this) {
				open = null;
			}
			end(statement, own, ok, java.util.Set.copyOf(warningStates));
		}

		@Override
		public void close() {
			finish(true);
		}
	}
}
