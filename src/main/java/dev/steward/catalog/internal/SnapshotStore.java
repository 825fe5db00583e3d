package dev.steward.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;

/**
 * Steward's copy of each connection's latest catalog snapshot, plus a header row per sync. A sync rewrites only the
 * objects whose fingerprint changed, with multi-row inserts in batches (many rows per statement, many statements per
 * round trip).
 */
@Repository
public class SnapshotStore {

	private static final int BATCH = 2000;

	private static final int ROWS_PER_INSERT = 200;

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

	/** What the store holds of one object, to decide whether a new snapshot must rewrite it. */
	public record Stored(int objectId, String fingerprint, @Nullable Long approxRows, @Nullable String comment) {
	}

	/** An object to write under {@code objectId}, with its precomputed {@link #fingerprint}. */
	public record Write(int objectId, SnapshotObject object, String fingerprint) {
	}

	/** New statistics for an object whose definition did not change. */
	public record Touch(int objectId, @Nullable Long approxRows, @Nullable String comment) {
	}

	/** key → what is stored, for the connection's current snapshot. */
	public Map<String, Stored> stored(UUID connectionId) {
		Map<String, Stored> out = new HashMap<>();
		jdbc.query("SELECT database_name, schema_name, object_name, object_kind, object_id, fingerprint, approx_rows, "
				+ "object_comment FROM catalog_objects WHERE connection_id = ?", rs -> {
					long rows = rs.getLong(7);
					out.put(rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3) + "\u0000"
							+ rs.getString(4), new Stored(rs.getInt(5), rs.getString(6), rs.wasNull() ? null : rows,
									rs.getString(8)));
				}, connectionId);
		return out;
	}

	/** The comment as the store keeps it (cut to the column's width), for comparisons with {@link Stored}. */
	public static @Nullable String storedComment(@Nullable String comment) {
		return comment == null ? null : cut(comment, 1000);
	}

	/**
	 * Brings the stored snapshot up to date: removes {@code removed} objects (dropped, or changed and rewritten),
	 * writes {@code writes} (added or changed) and updates the statistics of {@code touches}. Call inside a
	 * transaction. Unchanged objects are not written at all, so a re-sync of a quiet catalog costs one read.
	 */
	public void apply(UUID connectionId, Collection<Integer> removed, List<Write> writes, List<Touch> touches) {
		if (!removed.isEmpty()) {
			List<Integer> ids = List.copyOf(removed);
			for (String table : List.of("catalog_keys", "catalog_columns", "catalog_objects")) {
				jdbc.batchUpdate("DELETE FROM " + table + " WHERE connection_id = ? AND object_id = ?", ids, BATCH,
						(ps, id) -> {
							ps.setObject(1, connectionId);
							ps.setInt(2, id);
						});
			}
		}
		if (!touches.isEmpty()) {
			jdbc.batchUpdate("UPDATE catalog_objects SET approx_rows = ?, object_comment = ? "
					+ "WHERE connection_id = ? AND object_id = ?", touches, BATCH, (ps, t) -> {
						ps.setObject(1, t.approxRows());
						ps.setString(2, storedComment(t.comment()));
						ps.setObject(3, connectionId);
						ps.setInt(4, t.objectId());
					});
		}
		if (writes.isEmpty()) {
			return;
		}
		insertRows("catalog_objects (connection_id, object_id, database_name, schema_name, object_name, name_lower, "
				+ "object_kind, approx_rows, object_comment, fingerprint)", 10, writes, (ps, i, w) -> {
					SnapshotObject o = w.object();
					ps.setObject(i++, connectionId);
					ps.setInt(i++, w.objectId());
					ps.setString(i++, cut(o.database(), 255));
					ps.setString(i++, cut(o.schema(), 255));
					ps.setString(i++, cut(o.name(), 255));
					ps.setString(i++, cut(o.name().toLowerCase(Locale.ROOT), 255));
					ps.setString(i++, o.kind().apiName());
					ps.setObject(i++, o.approxRows());
					ps.setString(i++, storedComment(o.comment()));
					ps.setString(i, w.fingerprint());
				});
		record Col(int id, int ordinal, SnapshotColumn c) {
		}
		List<Col> cols = new ArrayList<>();
		record Key(int id, int ordinal, SnapshotKey k) {
		}
		List<Key> keys = new ArrayList<>();
		for (Write w : writes) {
			int ordinal = 0;
			for (SnapshotColumn c : w.object().columns()) {
				cols.add(new Col(w.objectId(), ordinal++, c));
			}
			ordinal = 0;
			for (SnapshotKey k : w.object().keys()) {
				keys.add(new Key(w.objectId(), ordinal++, k));
			}
		}
		insertRows("catalog_columns (connection_id, object_id, ordinal, column_name, name_lower, data_type, "
				+ "is_nullable, is_primary)", 8, cols, (ps, i, c) -> {
					ps.setObject(i++, connectionId);
					ps.setInt(i++, c.id());
					ps.setInt(i++, c.ordinal());
					ps.setString(i++, cut(c.c().name(), 255));
					ps.setString(i++, cut(c.c().name().toLowerCase(Locale.ROOT), 255));
					ps.setString(i++, cut(c.c().dataType(), 255));
					ps.setBoolean(i++, c.c().nullable());
					ps.setBoolean(i, c.c().primaryKey());
				});
		insertRows("catalog_keys (connection_id, object_id, ordinal, key_name, key_type, key_columns, ref_schema, "
				+ "ref_table, ref_columns)", 9, keys, (ps, i, k) -> {
					ps.setObject(i++, connectionId);
					ps.setInt(i++, k.id());
					ps.setInt(i++, k.ordinal());
					ps.setString(i++, cut(k.k().name(), 255));
					ps.setString(i++, k.k().type());
					ps.setString(i++, cut(String.join(",", k.k().columns()), 2000));
					ps.setString(i++, k.k().referencedSchema() == null ? null : cut(k.k().referencedSchema(), 255));
					ps.setString(i++, k.k().referencedTable() == null ? null : cut(k.k().referencedTable(), 255));
					ps.setString(i, k.k().referencedColumns().isEmpty() ? null
							: cut(String.join(",", k.k().referencedColumns()), 2000));
				});
	}

	@FunctionalInterface
	private interface RowBinder<T> {

		/** Binds one row's values starting at parameter {@code first}. */
		void bind(PreparedStatement ps, int first, T row) throws SQLException;
	}

	/**
	 * Multi-row {@code INSERT … VALUES (…), (…)} statements of {@link #ROWS_PER_INSERT} rows, batched: one round trip
	 * carries thousands of rows on both stores (what {@code reWriteBatchedInserts} does for PostgreSQL, portably).
	 */
	private <T> void insertRows(String target, int width, List<T> rows, RowBinder<T> binder) {
		int full = rows.size() / ROWS_PER_INSERT;
		if (full > 0) {
			String sql = insertSql(target, width, ROWS_PER_INSERT);
			List<List<T>> chunks = new ArrayList<>(full);
			for (int c = 0; c < full; c++) {
				chunks.add(rows.subList(c * ROWS_PER_INSERT, (c + 1) * ROWS_PER_INSERT));
			}
			jdbc.batchUpdate(sql, chunks, Math.max(1, BATCH / ROWS_PER_INSERT), (ps, chunk) -> {
				for (int r = 0; r < chunk.size(); r++) {
					binder.bind(ps, r * width + 1, chunk.get(r));
				}
			});
		}
		List<T> rest = rows.subList(full * ROWS_PER_INSERT, rows.size());
		if (!rest.isEmpty()) {
			jdbc.update(insertSql(target, width, rest.size()), ps -> {
				for (int r = 0; r < rest.size(); r++) {
					binder.bind(ps, r * width + 1, rest.get(r));
				}
			});
		}
	}

	private static String insertSql(String target, int width, int rows) {
		String row = "(" + "?,".repeat(width - 1) + "?)";
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(target).append(" VALUES ").append(row);
		for (int r = 1; r < rows; r++) {
			sql.append(',').append(row);
		}
		return sql.toString();
	}

	private void deleteContent(UUID connectionId) {
		jdbc.update("DELETE FROM catalog_names WHERE connection_id = ?", connectionId);
		jdbc.update("DELETE FROM catalog_keys WHERE connection_id = ?", connectionId);
		jdbc.update("DELETE FROM catalog_columns WHERE connection_id = ?", connectionId);
		jdbc.update("DELETE FROM catalog_objects WHERE connection_id = ?", connectionId);
	}

	/** Forgets everything about a connection (it was deleted); answers how many snapshot headers went. */
	public int deleteAll(UUID connectionId) {
		deleteContent(connectionId);
		return jdbc.update("DELETE FROM catalog_snapshots WHERE connection_id = ?", connectionId);
	}

	public void insert(Header h) {
		jdbc.update("INSERT INTO catalog_snapshots (id, connection_id, taken_at, duration_millis, taken_by, "
				+ "database_count, object_count, column_count, added_count, dropped_count, changed_count, diff_detail) "
				+ "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", h.id(), h.connectionId(), h.takenAt(), h.durationMillis(),
				h.takenBy(), h.databases(), h.objects(), h.columns(), h.added(), h.dropped(), h.changed(),
				h.diffDetail() == null ? null : cut(h.diffDetail(), 4000));
	}

	/** The header's duration, set after the commit so that it tells the whole. */
	public void updateDuration(UUID snapshotId, long durationMillis) {
		jdbc.update("UPDATE catalog_snapshots SET duration_millis = ? WHERE id = ?", durationMillis, snapshotId);
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

	/**
	 * Rebuilds the connection's distinct names (what search scans) from its stored objects and columns. Call
	 * inside the sync's transaction when it wrote or removed anything.
	 */
	public void rebuildNames(UUID connectionId) {
		jdbc.update("DELETE FROM catalog_names WHERE connection_id = ?", connectionId);
		jdbc.update("INSERT INTO catalog_names (connection_id, hit_type, name_lower, occurrences) SELECT connection_id, "
				+ "'table', name_lower, COUNT(*) FROM catalog_objects WHERE connection_id = ? "
				+ "GROUP BY connection_id, name_lower", connectionId);
		jdbc.update("INSERT INTO catalog_names (connection_id, hit_type, name_lower, occurrences) SELECT connection_id, "
				+ "'column', name_lower, COUNT(*) FROM catalog_columns WHERE connection_id = ? "
				+ "GROUP BY connection_id, name_lower", connectionId);
	}

	/** A distinct matching name, how it matched (0 exact, 1 prefix, 2 contains) and how many rows carry it. */
	record NameMatch(String hitType, String name, int score, long occurrences) {
	}

	/** Matches of {@code q} among the distinct names, in the order hits are shown. */
	List<NameMatch> nameMatches(Collection<UUID> connectionIds, String q) {
		return named.query("""
				SELECT hit_type, name_lower, SUM(occurrences) AS n,
				       CASE WHEN name_lower = :q THEN 0 WHEN name_lower LIKE :prefix ESCAPE '\\' THEN 1 ELSE 2 END AS score
				FROM catalog_names
				WHERE connection_id IN (:ids) AND name_lower LIKE :contains ESCAPE '\\'
				GROUP BY hit_type, name_lower
				ORDER BY score, CASE WHEN hit_type = 'table' THEN 0 ELSE 1 END, LENGTH(name_lower), name_lower""",
				searchParams(connectionIds, q),
				(rs, n) -> new NameMatch(rs.getString(1), rs.getString(2), rs.getInt(4), rs.getLong(3)));
	}

	/**
	 * Ranked: exact name, then prefix, then contains; tables before columns; shorter names first; then by schema
	 * and object. The distinct names are ranked first; only the rows of the names on the page are read, by index.
	 */
	public List<Hit> search(Collection<UUID> connectionIds, String q, int page, int size) {
		long skip = (long) page * size;
		List<Hit> hits = new ArrayList<>();
		for (NameMatch m : nameMatches(connectionIds, q)) {
			if (hits.size() >= size) {
				break;
			}
			if (skip >= m.occurrences()) {
				skip -= m.occurrences();
				continue;
			}
			hits.addAll(rowsOf(connectionIds, m, skip, size - hits.size()));
			skip = 0;
		}
		return hits;
	}

	private List<Hit> rowsOf(Collection<UUID> connectionIds, NameMatch m, long offset, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("ids", connectionIds)
			.addValue("name", m.name()).addValue("limit", limit).addValue("offset", offset);
		boolean table = m.hitType().equals("table");
		String sql = table ? """
				SELECT o.connection_id, o.object_kind, o.database_name, o.schema_name, o.object_name,
				       CAST(NULL AS VARCHAR(255)) AS column_name, CAST(NULL AS VARCHAR(255)) AS data_type
				FROM catalog_objects o
				WHERE o.connection_id IN (:ids) AND o.name_lower = :name
				ORDER BY o.schema_name, o.object_name, o.database_name LIMIT :limit OFFSET :offset"""
				: """
						SELECT o.connection_id, o.object_kind, o.database_name, o.schema_name, o.object_name,
						       c.column_name, c.data_type
						FROM catalog_columns c
						JOIN catalog_objects o ON o.connection_id = c.connection_id AND o.object_id = c.object_id
						WHERE c.connection_id IN (:ids) AND c.name_lower = :name
						ORDER BY o.schema_name, o.object_name, o.database_name, c.ordinal LIMIT :limit OFFSET :offset""";
		return named.query(sql, params, (rs, n) -> new Hit(rs.getObject("connection_id", UUID.class),
				m.hitType(), rs.getString("object_kind"), rs.getString("database_name"), rs.getString("schema_name"),
				rs.getString("object_name"), rs.getString("column_name"), rs.getString("data_type"), m.score()));
	}

	public long searchCount(Collection<UUID> connectionIds, String q) {
		Long n = named.queryForObject("SELECT COALESCE(SUM(occurrences), 0) FROM catalog_names "
				+ "WHERE connection_id IN (:ids) AND name_lower LIKE :contains ESCAPE '\\'", searchParams(connectionIds, q),
				Long.class);
		return n == null ? 0 : n;
	}

	private static MapSqlParameterSource searchParams(Collection<UUID> connectionIds, String q) {
		String lower = q.trim().toLowerCase(Locale.ROOT);
		return new MapSqlParameterSource().addValue("ids", connectionIds).addValue("q", lower)
			.addValue("prefix", escapeLike(lower) + "%")
			.addValue("contains", "%" + escapeLike(lower) + "%");
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

	/** A LIKE pattern's literal part: the store's queries use {@code ESCAPE '\\'}. */
	private static String escapeLike(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
