package dev.steward.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.steward.engine.CatalogJdbc;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;

/**
 * Steward's copy of each connection's latest catalog snapshot, plus a header row per sync. Writes are batched
 * (one statement per table, many rows per round trip) so 100,000 columns store in about a second.
 */
@Repository
public class SnapshotStore {

	private static final int BATCH = 2000;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	SnapshotStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
		this.jdbc = jdbc;
		this.named = named;
	}

	public record Header(UUID id, UUID connectionId, OffsetDateTime takenAt, long durationMillis, String takenBy,
			int databases, int objects, int columns, int added, int dropped, int changed, @Nullable String diffDetail) {
	}

	public record Hit(UUID connectionId, String hitType, String objectKind, String database, String schema,
			String object, @Nullable String column, @Nullable String dataType, int score) {
	}

	/** Identity of an object across snapshots. */
	public static String key(SnapshotObject o) {
		return o.database() + "\u0000" + o.schema() + "\u0000" + o.name() + "\u0000" + o.kind().apiName();
	}

	/** What a diff compares: kind, columns (name, type, nullability, key), keys. */
	public static String fingerprint(SnapshotObject o) {
		StringBuilder s = new StringBuilder(o.kind().name());
		for (SnapshotColumn c : o.columns()) {
			s.append('|').append(c.name()).append(':').append(c.dataType()).append(':').append(c.nullable())
				.append(':').append(c.primaryKey());
		}
		for (SnapshotKey k : o.keys()) {
			s.append('#').append(k.type()).append(k.columns()).append(k.referencedTable()).append(k.referencedColumns());
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** key → fingerprint of the connection's stored snapshot. */
	public Map<String, String> fingerprints(UUID connectionId) {
		Map<String, String> out = new HashMap<>();
		jdbc.query("SELECT database_name, schema_name, object_name, object_kind, fingerprint FROM catalog_objects "
				+ "WHERE connection_id = ?", rs -> {
					out.put(rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3) + "\u0000"
							+ rs.getString(4), rs.getString(5));
				}, connectionId);
		return out;
	}

	/** Replaces the connection's stored content with {@code objects}; call inside a transaction. */
	public void replace(UUID connectionId, List<SnapshotObject> objects) {
		deleteContent(connectionId);
		record Row(int id, SnapshotObject o) {
		}
		List<Row> rows = new ArrayList<>(objects.size());
		for (int i = 0; i < objects.size(); i++) {
			rows.add(new Row(i, objects.get(i)));
		}
		jdbc.batchUpdate("INSERT INTO catalog_objects (connection_id, object_id, database_name, schema_name, object_name, "
				+ "name_lower, object_kind, approx_rows, object_comment, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?)", rows,
				BATCH, (ps, r) -> {
					ps.setObject(1, connectionId);
					ps.setInt(2, r.id());
					ps.setString(3, cut(r.o().database(), 255));
					ps.setString(4, cut(r.o().schema(), 255));
					ps.setString(5, cut(r.o().name(), 255));
					ps.setString(6, cut(r.o().name().toLowerCase(Locale.ROOT), 255));
					ps.setString(7, r.o().kind().apiName());
					ps.setObject(8, r.o().approxRows());
					ps.setString(9, r.o().comment() == null ? null : cut(r.o().comment(), 1000));
					ps.setString(10, fingerprint(r.o()));
				});
		record Col(int id, int ordinal, SnapshotColumn c) {
		}
		List<Col> cols = new ArrayList<>();
		record Key(int id, int ordinal, SnapshotKey k) {
		}
		List<Key> keys = new ArrayList<>();
		for (Row r : rows) {
			int ordinal = 0;
			for (SnapshotColumn c : r.o().columns()) {
				cols.add(new Col(r.id(), ordinal++, c));
			}
			ordinal = 0;
			for (SnapshotKey k : r.o().keys()) {
				keys.add(new Key(r.id(), ordinal++, k));
			}
		}
		jdbc.batchUpdate("INSERT INTO catalog_columns (connection_id, object_id, ordinal, column_name, name_lower, "
				+ "data_type, is_nullable, is_primary) VALUES (?,?,?,?,?,?,?,?)", cols, BATCH, (ps, c) -> {
					ps.setObject(1, connectionId);
					ps.setInt(2, c.id());
					ps.setInt(3, c.ordinal());
					ps.setString(4, cut(c.c().name(), 255));
					ps.setString(5, cut(c.c().name().toLowerCase(Locale.ROOT), 255));
					ps.setString(6, cut(c.c().dataType(), 255));
					ps.setBoolean(7, c.c().nullable());
					ps.setBoolean(8, c.c().primaryKey());
				});
		jdbc.batchUpdate("INSERT INTO catalog_keys (connection_id, object_id, ordinal, key_name, key_type, key_columns, "
				+ "ref_schema, ref_table, ref_columns) VALUES (?,?,?,?,?,?,?,?,?)", keys, BATCH, (ps, k) -> {
					ps.setObject(1, connectionId);
					ps.setInt(2, k.id());
					ps.setInt(3, k.ordinal());
					ps.setString(4, cut(k.k().name(), 255));
					ps.setString(5, k.k().type());
					ps.setString(6, cut(String.join(",", k.k().columns()), 2000));
					ps.setString(7, k.k().referencedSchema() == null ? null : cut(k.k().referencedSchema(), 255));
					ps.setString(8, k.k().referencedTable() == null ? null : cut(k.k().referencedTable(), 255));
					ps.setString(9, k.k().referencedColumns().isEmpty() ? null
							: cut(String.join(",", k.k().referencedColumns()), 2000));
				});
	}

	private void deleteContent(UUID connectionId) {
		jdbc.update("DELETE FROM catalog_keys WHERE connection_id = ?", connectionId);
		jdbc.update("DELETE FROM catalog_columns WHERE connection_id = ?", connectionId);
		jdbc.update("DELETE FROM catalog_objects WHERE connection_id = ?", connectionId);
	}

	/** Forgets everything about a connection (it was deleted). */
	public void deleteAll(UUID connectionId) {
		deleteContent(connectionId);
		jdbc.update("DELETE FROM catalog_snapshots WHERE connection_id = ?", connectionId);
	}

	public void insert(Header h) {
		jdbc.update("INSERT INTO catalog_snapshots (id, connection_id, taken_at, duration_millis, taken_by, "
				+ "database_count, object_count, column_count, added_count, dropped_count, changed_count, diff_detail) "
				+ "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", h.id(), h.connectionId(), h.takenAt(), h.durationMillis(),
				h.takenBy(), h.databases(), h.objects(), h.columns(), h.added(), h.dropped(), h.changed(),
				h.diffDetail() == null ? null : cut(h.diffDetail(), 4000));
	}

	private static final String HEADER_COLUMNS = "id, connection_id, taken_at, duration_millis, taken_by, "
			+ "database_count, object_count, column_count, added_count, dropped_count, changed_count, diff_detail";

	private static Header header(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Header(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
				rs.getObject(3, OffsetDateTime.class), rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
				rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getString(12));
	}

	public List<Header> history(UUID connectionId, int page, int size) {
		return jdbc.query("SELECT " + HEADER_COLUMNS + " FROM catalog_snapshots WHERE connection_id = ? "
				+ "ORDER BY taken_at DESC LIMIT ? OFFSET ?", (rs, n) -> header(rs), connectionId, size,
				(long) page * size);
	}

	public long historyCount(UUID connectionId) {
		Long n = jdbc.queryForObject("SELECT count(*) FROM catalog_snapshots WHERE connection_id = ?", Long.class,
				connectionId);
		return n == null ? 0 : n;
	}

	public Optional<Header> latest(UUID connectionId) {
		return history(connectionId, 0, 1).stream().findFirst();
	}

	/** Connections that have a stored snapshot. */
	public List<UUID> syncedConnections() {
		return jdbc.queryForList("SELECT DISTINCT connection_id FROM catalog_snapshots", UUID.class);
	}

	private static final String HITS = """
			SELECT o.connection_id, 'table' AS hit_type, o.object_kind, o.database_name, o.schema_name, o.object_name,
			       CAST(NULL AS VARCHAR(255)) AS column_name, CAST(NULL AS VARCHAR(255)) AS data_type,
			       o.name_lower AS matched,
			       CASE WHEN o.name_lower = :q THEN 0 WHEN o.name_lower LIKE :prefix ESCAPE '\\' THEN 1 ELSE 2 END AS score,
			       0 AS type_rank
			FROM catalog_objects o
			WHERE o.connection_id IN (:ids) AND o.name_lower LIKE :contains ESCAPE '\\'
			UNION ALL
			SELECT c.connection_id, 'column', o.object_kind, o.database_name, o.schema_name, o.object_name,
			       c.column_name, c.data_type, c.name_lower,
			       CASE WHEN c.name_lower = :q THEN 0 WHEN c.name_lower LIKE :prefix ESCAPE '\\' THEN 1 ELSE 2 END,
			       1
			FROM catalog_columns c JOIN catalog_objects o ON o.connection_id = c.connection_id AND o.object_id = c.object_id
			WHERE c.connection_id IN (:ids) AND c.name_lower LIKE :contains ESCAPE '\\'
			""";

	/** Ranked: exact name, then prefix, then contains; tables before columns; shorter names first. */
	public List<Hit> search(Collection<UUID> connectionIds, String q, int page, int size) {
		MapSqlParameterSource params = searchParams(connectionIds, q).addValue("limit", size)
			.addValue("offset", (long) page * size);
		return named.query("SELECT * FROM (" + HITS + ") hits ORDER BY score, type_rank, LENGTH(matched), matched, "
				+ "schema_name, object_name LIMIT :limit OFFSET :offset", params,
				(rs, n) -> new Hit(rs.getObject("connection_id", UUID.class), rs.getString("hit_type"),
						rs.getString("object_kind"), rs.getString("database_name"), rs.getString("schema_name"),
						rs.getString("object_name"), rs.getString("column_name"), rs.getString("data_type"),
						rs.getInt("score")));
	}

	public long searchCount(Collection<UUID> connectionIds, String q) {
		Long n = named.queryForObject("SELECT count(*) FROM (" + HITS + ") hits", searchParams(connectionIds, q),
				Long.class);
		return n == null ? 0 : n;
	}

	private static MapSqlParameterSource searchParams(Collection<UUID> connectionIds, String q) {
		String lower = q.trim().toLowerCase(Locale.ROOT);
		return new MapSqlParameterSource().addValue("ids", connectionIds).addValue("q", lower)
			.addValue("prefix", CatalogJdbc.escapeLike(lower) + "%")
			.addValue("contains", "%" + CatalogJdbc.escapeLike(lower) + "%");
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}
