package dev.steward.engine.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.TableData.Cancellation;
import dev.steward.engine.TableData.LoadFailed;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowSource;

/**
 * Loads a file's rows with one prepared {@code INSERT} in batches, inside one transaction. A batch that fails is
 * rolled back to the savepoint taken before it and its rows are replayed one by one, so the error names the row's
 * line (drivers number failures inside a batch differently, and some only in the message); the whole transaction is
 * rolled back afterwards either way.
 */
final class JdbcTableLoad {

	/** Rows per batch: large enough to amortise round trips, small enough that a replay after a failure is quick. */
	static final int BATCH = 500;

	/** How long one batch may keep the driver waiting for the server. */
	static final int BATCH_READ_MILLIS = 10 * 60 * 1000;

	interface Binder {

		void bind(PreparedStatement ps, int index, @Nullable String value) throws SQLException;
	}

	interface ColumnOf {

		@Nullable String column(SQLException e);
	}

	private final Binder binder;

	private final ColumnOf columnOf;

	private final Cancellation cancel;

	private final List<List<@Nullable String>> batch = new ArrayList<>(BATCH);

	private final List<Long> lines = new ArrayList<>(BATCH);

	JdbcTableLoad(Binder binder, ColumnOf columnOf, Cancellation cancel) {
		this.binder = binder;
		this.columnOf = columnOf;
		this.cancel = cancel;
	}

	static String insert(DataSql.Dialect dialect, Relation relation, List<String> columns) {
		return "INSERT INTO " + dialect.qualified(relation) + " ("
				+ String.join(", ", columns.stream().map(dialect::quote).toList()) + ") VALUES ("
				+ String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
	}

	long run(Connection c, String insert, int width, RowSource rows) throws SQLException {
		boolean autoCommit = c.getAutoCommit();
		// a batch may take longer than a catalog query's read bound; cancel (and the job's stall watch) ends it
		int readTimeout = networkTimeout(c, BATCH_READ_MILLIS);
		c.setAutoCommit(false);
		long done = 0;
		try (PreparedStatement ps = c.prepareStatement(insert)) {
			cancel.onCancel(() -> cancelQuietly(ps));
			List<@Nullable String> row;
			while ((row = next(rows)) != null) {
				if (row.size() != width) {
					throw new LoadFailed(rows.line(), null, "Line " + rows.line() + " has " + row.size()
							+ " values where " + width + " columns are imported", false, null);
				}
				batch.add(row);
				lines.add(rows.line());
				if (batch.size() == BATCH) {
					done += flush(c, ps);
				}
			}
			done += flush(c, ps);
			stopIfCancelled(0, null);
			c.commit();
			return done;
		}
		catch (SQLException | RuntimeException e) {
			rollbackQuietly(c);
			if (e instanceof SQLException sql) {
				stopIfCancelled(0, sql);
				throw new LoadFailed(0, null, "The import could not be committed: " + sql.getMessage(), false, sql);
			}
			throw e;
		}
		finally {
			try {
				c.setAutoCommit(autoCommit);
				if (readTimeout >= 0) {
					networkTimeout(c, readTimeout);
				}
			}
			catch (SQLException e) {
				// the pool discards a connection it cannot reset
			}
		}
	}

	private @Nullable List<@Nullable String> next(RowSource rows) {
		try {
			return rows.next();
		}
		catch (IOException e) {
			throw new LoadFailed(rows.line(), null, "The file could not be read near line " + rows.line() + ": "
					+ e.getMessage(), false, e);
		}
	}

	private int flush(Connection c, PreparedStatement ps) throws SQLException {
		if (batch.isEmpty()) {
			return 0;
		}
		stopIfCancelled(lines.get(0), null);
		Savepoint before = c.setSavepoint();
		try {
			for (List<@Nullable String> row : batch) {
				bindRow(ps, row);
				ps.addBatch();
			}
			ps.executeBatch();
			c.releaseSavepoint(before);
		}
		catch (SQLException e) {
			stopIfCancelled(lines.get(0), e);
			ps.clearBatch();
			c.rollback(before);
			replay(ps, e);
		}
		int n = batch.size();
		batch.clear();
		lines.clear();
		return n;
	}

	/** Runs the failed batch's rows one at a time until one fails: that row's line is the error's. */
	private void replay(PreparedStatement ps, SQLException batchError) throws SQLException {
		for (int i = 0; i < batch.size(); i++) {
			bindRow(ps, batch.get(i));
			try {
				ps.executeUpdate();
			}
			catch (SQLException e) {
				stopIfCancelled(lines.get(i), e);
				throw rowFailed(lines.get(i), e);
			}
		}
		// every row went in alone: the batch failed as a whole (e.g. a deferred check); blame its first row
		throw rowFailed(lines.get(0), batchError);
	}

	private LoadFailed rowFailed(long line, SQLException e) {
		String column = columnOf.column(e);
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		return new LoadFailed(line, column, "Line " + line + (column == null ? "" : ", column " + column) + ": "
				+ message, false, e);
	}

	private void bindRow(PreparedStatement ps, List<@Nullable String> row) throws SQLException {
		for (int i = 0; i < row.size(); i++) {
			binder.bind(ps, i + 1, row.get(i));
		}
	}

	private void stopIfCancelled(long line, @Nullable SQLException cause) {
		if (cancel.cancelled()) {
			throw new LoadFailed(line, null, "The import was cancelled; nothing was written", true, cause);
		}
	}

	/** Sets the driver's read bound, answering the previous one; -1 where the driver has none (SQLite). */
	private static int networkTimeout(Connection c, int millis) throws SQLException {
		try {
			int previous = c.getNetworkTimeout();
			c.setNetworkTimeout(Runnable::run, millis);
			return previous;
		}
		catch (java.sql.SQLFeatureNotSupportedException e) {
			return -1;
		}
	}

	private static void cancelQuietly(PreparedStatement ps) {
		try {
			ps.cancel();
		}
		catch (SQLException e) {
			// it may have ended meanwhile; the next batch sees the cancellation
		}
	}

	private static void rollbackQuietly(Connection c) {
		try {
			c.rollback();
		}
		catch (SQLException e) {
			// the connection is broken; the server rolls back when it goes
		}
	}
}
