package dev.steward.query.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.steward.query.SavedQueryChart;
import dev.steward.query.SavedQueryVisibility;
import dev.steward.shared.PageResult;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sql_saved_query} table. Who may see or change a row is decided by {@code SavedQueries}. */
@Repository
public class SavedQueryStore {

	/** One stored row. */
	public record Row(UUID id, UUID ownerId, String ownerName, String name, @Nullable String description,
			UUID connectionId, @Nullable String database, String sql, SavedQueryVisibility visibility,
			Instant createdAt, Instant updatedAt, @Nullable SavedQueryChart chart) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	public SavedQueryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Row r) {
		jdbc.sql("""
				INSERT INTO sql_saved_query (id, owner_id, owner_name, name, description, connection_id, database_name,
				  statement, visibility, created_at, updated_at, chart_json)
				VALUES (:id, :owner, :ownerName, :name, :description, :cid, :db, :sql, :visibility, :created, :updated,
				  :chart)""")
			.param("id", r.id()).param("owner", r.ownerId()).param("ownerName", r.ownerName()).param("name", r.name())
			.param("description", r.description()).param("cid", r.connectionId()).param("db", r.database())
			.param("sql", r.sql()).param("visibility", r.visibility().name()).param("created", utc(r.createdAt()))
			.param("updated", utc(r.updatedAt())).param("chart", json(r.chart())).update();
	}

	public void update(Row r) {
		jdbc.sql("""
				UPDATE sql_saved_query SET name = :name, description = :description, connection_id = :cid,
				  database_name = :db, statement = :sql, visibility = :visibility, updated_at = :updated,
				  chart_json = :chart WHERE id = :id""")
			.param("id", r.id()).param("name", r.name()).param("description", r.description())
			.param("cid", r.connectionId()).param("db", r.database()).param("sql", r.sql())
			.param("visibility", r.visibility().name()).param("updated", utc(r.updatedAt()))
			.param("chart", json(r.chart())).update();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM sql_saved_query WHERE id = :id").param("id", id).update();
	}

	public Optional<Row> find(UUID id) {
		return jdbc.sql("SELECT * FROM sql_saved_query WHERE id = :id").param("id", id).query(SavedQueryStore::map)
			.optional();
	}

	/**
	 * The caller's own queries and everyone's shared ones, on connections in {@code connections} (null: any),
	 * by name; {@code text} searches name, description and statement.
	 */
	public PageResult<Row> page(UUID userId, @Nullable Collection<UUID> connections, @Nullable String text,
			@Nullable UUID connectionId, boolean mineOnly, int page, int size) {
		if (connections != null && connections.isEmpty()) {
			return PageResult.of(List.of(), page, size, 0);
		}
		StringBuilder where = new StringBuilder(mineOnly ? " WHERE owner_id = :user"
				: " WHERE (owner_id = :user OR visibility = 'SHARED')");
		if (connections != null) {
			where.append(" AND connection_id IN (:visible)");
		}
		if (connectionId != null) {
			where.append(" AND connection_id = :cid");
		}
		if (text != null) {
			where.append(" AND (LOWER(name) LIKE :q ESCAPE '!' OR LOWER(COALESCE(description, '')) LIKE :q ESCAPE '!'"
					+ " OR LOWER(statement) LIKE :q ESCAPE '!')");
		}
		String q = text == null ? "" : "%" + text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
			.replace("_", "!_") + "%";
		long total = params(jdbc.sql("SELECT COUNT(*) FROM sql_saved_query" + where), userId, connections, text, q,
				connectionId).query(Long.class).single();
		List<Row> items = params(jdbc.sql("SELECT * FROM sql_saved_query" + where
				+ " ORDER BY LOWER(name), id LIMIT :limit OFFSET :offset"), userId, connections, text, q, connectionId)
			.param("limit", size).param("offset", (long) page * size).query(SavedQueryStore::map).list();
		return PageResult.of(items, page, size, total);
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, UUID userId,
			@Nullable Collection<UUID> connections, @Nullable String text, String q, @Nullable UUID connectionId) {
		spec = spec.param("user", userId);
		if (connections != null) {
			spec = spec.param("visible", List.copyOf(connections));
		}
		if (connectionId != null) {
			spec = spec.param("cid", connectionId);
		}
		if (text != null) {
			spec = spec.param("q", q);
		}
		return spec;
	}

	private static Row map(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("owner_name"),
				rs.getString("name"), rs.getString("description"), rs.getObject("connection_id", UUID.class),
				rs.getString("database_name"), rs.getString("statement"),
				SavedQueryVisibility.valueOf(rs.getString("visibility")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), chart(rs.getString("chart_json")));
	}

	private static @Nullable String json(@Nullable SavedQueryChart chart) {
		return chart == null ? null : JSON.writeValueAsString(chart);
	}

	private static @Nullable SavedQueryChart chart(@Nullable String json) {
		return json == null ? null : JSON.readValue(json, SavedQueryChart.class);
	}

	private static OffsetDateTime utc(Instant at) {
		return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}
}
