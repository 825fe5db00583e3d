package dev.steward.engine.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.MaintenanceCapability;
import dev.steward.engine.MaintenanceCapability.Control;
import dev.steward.engine.TargetPool;

/**
 * Runs one maintenance statement on a pooled connection with no read timeout (a VACUUM FULL may take hours; the
 * job's own timeout bounds it and its abort cancels the statement), while a second connection polls the engine's
 * progress view for the first one's session, when there is one.
 */
public final class MaintenanceRuns {

	private static final Duration POLL = Duration.ofMillis(500);

	private MaintenanceRuns() {
	}

	/** How to read the running session's progress: a query with one parameter (the id) giving a 0..1 fraction. */
	public record Progress(String idQuery, String fractionQuery) {
	}

	/**
	 * Executes {@code sql}; returns the rows of its result as text columns (MySQL's table messages, SQLite's
	 * integrity check), at most {@code maxRows}.
	 */
	public static List<List<String>> execute(TargetPool pool, String sql, @Nullable Progress progress, Control control,
			int maxRows) throws SQLException {
		if (!(pool instanceof JdbcTargetPool jdbc)) {
			throw new CapabilityUnsupported(pool.engine(), MaintenanceCapability.class);
		}
		try (Connection c = jdbc.dataSource().getConnection()) {
			try {
				c.setNetworkTimeout(Runnable::run, 0);
			}
			catch (java.sql.SQLFeatureNotSupportedException e) {
				// a file database has no network read to bound
			}
			Thread poller = progress == null ? null : poll(jdbc, sessionId(c, progress), progress, control);
			try (Statement s = c.createStatement()) {
				control.running(s);
				List<List<String>> rows = new ArrayList<>();
				boolean hasRows = s.execute(sql);
				if (hasRows) {
					try (ResultSet rs = s.getResultSet()) {
						int columns = rs.getMetaData().getColumnCount();
						while (rs.next() && rows.size() < maxRows) {
							List<String> row = new ArrayList<>();
							for (int i = 1; i <= columns; i++) {
								row.add(String.valueOf(rs.getString(i)));
							}
							rows.add(row);
						}
					}
				}
				return rows;
			}
			finally {
				control.running(null);
				if (poller != null) {
					poller.interrupt();
				}
			}
		}
	}

	private static @Nullable String sessionId(Connection c, Progress progress) {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(progress.idQuery())) {
			return rs.next() ? rs.getString(1) : null;
		}
		catch (SQLException e) {
			return null; // no progress then; the statement itself still runs
		}
	}

	private static @Nullable Thread poll(JdbcTargetPool pool, @Nullable String id, Progress progress, Control control) {
		if (id == null) {
			return null;
		}
		Thread thread = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					Thread.sleep(POLL);
					fraction(pool, id, progress, control);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "maintenance progress");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void fraction(JdbcTargetPool pool, String id, Progress progress, Control control) {
		try (Connection c = pool.dataSource().getConnection();
				PreparedStatement ps = CatalogJdbc.prepare(c, Duration.ofSeconds(2), progress.fractionQuery(), id);
				ResultSet rs = ps.executeQuery()) {
			if (rs.next()) {
				double f = rs.getDouble(1);
				if (!rs.wasNull()) {
					control.fraction(Math.max(0, Math.min(1, f)));
				}
			}
		}
		catch (SQLException | RuntimeException e) {
			// progress is a nicety: a busy pool or a view the server lacks leaves the bar where it was
		}
	}
}
