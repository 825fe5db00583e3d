package dev.steward.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.query.ExecutionStatus;
import dev.steward.query.HistoryEntry;
import dev.steward.shared.PageResult;

/** The {@code sql_history} table: each user's own executions. */
@Repository
public class SqlHistoryStore {

	private final JdbcClient jdbc;

	public SqlHistoryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID userId, HistoryEntry e) {
		jdbc.sql("""
				INSERT INTO sql_history (id, user_id, connection_id, connection_name, database_name, statement, status,
				  statements, rows_affected, rows_returned, error, started_at, duration_ms)
				VALUES (:id, :user, :cid, :cname, :db, :sql, :status, :n, :affected, :returned, :error, :at, :ms)""")
			.param("id", e.id()).param("user", userId).param("cid", e.connectionId())
			.param("cname", cut(e.connectionName(), 255)).param("db", e.database() == null ? null : cut(e.database(), 255))
			.param("sql", e.statement()).param("status", e.status().name()).param("n", e.statements())
			.param("affected", e.rowsAffected()).param("returned", e.rowsReturned())
			.param("error", e.error() == null ? null : cut(e.error(), 2000))
			.param("at", OffsetDateTime.ofInstant(e.startedAt(), ZoneOffset.UTC)).param("ms", e.durationMillis())
			.update();
	}

	public PageResult<HistoryEntry> page(UUID userId, @Nullable String text, @Nullable UUID connectionId, int page,
			int size) {
		StringBuilder where = new StringBuilder(" WHERE user_id = :user");
		if (text != null) {
			where.append(" AND LOWER(statement) LIKE :q ESCAPE '!'");
		}
		if (connectionId != null) {
			where.append(" AND connection_id = :cid");
		}
		String q = text == null ? "" : "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
			.replace("_", "!_") + "%";
		long total = params(jdbc.sql("SELECT COUNT(*) FROM sql_history" + where), userId, text, q, connectionId)
			.query(Long.class).single();
		List<HistoryEntry> items = params(jdbc.sql("SELECT * FROM sql_history" + where
				+ " ORDER BY started_at DESC, id LIMIT :limit OFFSET :offset"), userId, text, q, connectionId)
			.param("limit", size).param("offset", (long) page * size)
			.query(SqlHistoryStore::map).list();
		return PageResult.of(items, page, size, total);
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, UUID userId, @Nullable String text,
			String q, @Nullable UUID connectionId) {
		spec = spec.param("user", userId);
		if (text != null) {
			spec = spec.param("q", q);
		}
		if (connectionId != null) {
			spec = spec.param("cid", connectionId);
		}
		return spec;
	}

	private static HistoryEntry map(ResultSet rs, int row) throws SQLException {
		return new HistoryEntry(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
				rs.getString("connection_name"), rs.getString("database_name"), rs.getString("statement"),
				ExecutionStatus.valueOf(rs.getString("status")), rs.getInt("statements"), rs.getLong("rows_affected"),
				rs.getLong("rows_returned"), rs.getString("error"),
				rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getLong("duration_ms"));
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}
