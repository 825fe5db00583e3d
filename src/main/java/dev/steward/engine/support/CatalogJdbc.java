package dev.steward.engine.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.TargetBusy;
import dev.steward.engine.TargetPool;

/**
 * Small JDBC helpers the catalog adapters share: every statement gets the catalog timeout, every value is
 * bound, and driver failures become {@link CatalogUnavailable} with the server's words.
 */
public final class CatalogJdbc {

	private CatalogJdbc() {
	}

	@FunctionalInterface
	public interface Rows<T> {

		T map(ResultSet rs) throws SQLException;
	}

	@FunctionalInterface
	public interface Work<T> {

		T run(Connection connection) throws SQLException;
	}

	/** Borrows a connection from a JDBC pool, runs {@code work}, gives it back. */
	public static <T> T withConnection(TargetPool pool, Work<T> work) {
		if (!(pool instanceof JdbcTargetPool jdbc)) {
			throw new CapabilityUnsupported(pool.engine(), JdbcTargetPool.class);
		}
		try (Connection c = borrow(jdbc)) {
			return work.run(c);
		}
		catch (SQLTimeoutException e) {
			throw new CatalogUnavailable("The catalog query ran out of time: " + e.getMessage(), e);
		}
		catch (SQLException e) {
			if ("57014".equals(e.getSQLState()) || "70100".equals(e.getSQLState())) {
				throw new CatalogUnavailable("The catalog query ran out of time: " + e.getMessage(), e);
			}
			throw new CatalogUnavailable("The database could not answer: " + e.getMessage(), e);
		}
	}

	/**
	 * A connection from the pool, which waits (bounded by the pool's connection timeout) while all are in use. A
	 * wait that ends with no connection and no connect failure behind it means the pool was busy, not the target
	 * down: {@link TargetBusy}, which the API answers with 503 and Retry-After instead of 502.
	 */
	private static Connection borrow(JdbcTargetPool pool) throws SQLException {
		try {
			return pool.dataSource().getConnection();
		}
		catch (SQLTransientConnectionException e) {
			if (e.getCause() == null) {
				throw new TargetBusy("Every connection to this database is in use; try again shortly",
						Duration.ofSeconds(1), e);
			}
			throw e;
		}
	}

	public static <T> List<T> query(Connection c, Duration timeout, String sql, Rows<T> rows, @Nullable Object... params)
			throws SQLException {
		try (PreparedStatement ps = prepare(c, timeout, sql, params); ResultSet rs = ps.executeQuery()) {
			List<T> out = new ArrayList<>();
			while (rs.next()) {
				out.add(rows.map(rs));
			}
			return out;
		}
	}

	public static <T> Optional<T> queryOne(Connection c, Duration timeout, String sql, Rows<T> rows,
			@Nullable Object... params) throws SQLException {
		try (PreparedStatement ps = prepare(c, timeout, sql, params); ResultSet rs = ps.executeQuery()) {
			return rs.next() ? Optional.ofNullable(rows.map(rs)) : Optional.empty();
		}
	}

	public static PreparedStatement prepare(Connection c, Duration timeout, String sql, @Nullable Object... params)
			throws SQLException {
		PreparedStatement ps = c.prepareStatement(sql);
		try {
			ps.setQueryTimeout(seconds(timeout));
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			return ps;
		}
		catch (SQLException | RuntimeException e) {
			ps.close();
			throw e;
		}
	}

	/** JDBC counts timeouts in whole seconds; at least one. */
	public static int seconds(Duration timeout) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
	}

	/** {@code %q%} for a LIKE with {@code ESCAPE '\'}, with the user's own wildcards escaped; null stays null. */
	public static @Nullable String likeContains(@Nullable String q) {
		if (q == null || q.isBlank()) {
			return null;
		}
		return "%" + escapeLike(q.trim()) + "%";
	}

	public static String escapeLike(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** Quotes an identifier the SQL-standard way (PostgreSQL, SQLite): double quotes, inner quotes doubled. */
	public static String quoteDouble(String identifier) {
		requireNoNul(identifier);
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** Quotes a MySQL/MariaDB identifier: backticks, inner backticks doubled. */
	public static String quoteBacktick(String identifier) {
		requireNoNul(identifier);
		return '`' + identifier.replace("`", "``") + '`';
	}

	private static void requireNoNul(String identifier) {
		if (identifier.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Identifiers cannot contain NUL");
		}
	}

	public static @Nullable Long getLong(ResultSet rs, String column) throws SQLException {
		long v = rs.getLong(column);
		return rs.wasNull() ? null : v;
	}

	public static @Nullable OffsetDateTime getTime(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class);
	}

	public static List<String> getStrings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		if (array == null) {
			return List.of();
		}
		try {
			Object[] values = (Object[]) array.getArray();
			return Arrays.stream(values).map(String::valueOf).toList();
		}
		finally {
			array.free();
		}
	}

	/** Splits a comma-joined list (MySQL's GROUP_CONCAT); empty for null. */
	public static List<String> split(@Nullable String joined, String separator) {
		if (joined == null || joined.isEmpty()) {
			return List.of();
		}
		return List.of(joined.split(java.util.regex.Pattern.quote(separator), -1));
	}

	public static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s;
	}
}
