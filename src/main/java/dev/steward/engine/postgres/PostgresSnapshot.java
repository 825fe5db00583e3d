package dev.steward.engine.postgres;

import static dev.steward.engine.support.CatalogJdbc.getLong;
import static dev.steward.engine.support.CatalogJdbc.getStrings;
import static dev.steward.engine.support.CatalogJdbc.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;

/**
 * Reads one database's relations for the stored snapshot in batches of {@value #BATCH} relations: the list of
 * relations first (small), then their keys and columns batch by batch, each batch handed to the sink before the
 * next is read. A schema of 100,000 tables has a million columns; neither the driver nor Steward holds them all.
 */
final class PostgresSnapshot {

	static final int BATCH = 2_000;

	private record Relation(long oid, String schema, String name, String relkind, @Nullable Long rows,
			@Nullable String comment) {
	}

	private PostgresSnapshot() {
	}

	static void read(Connection c, Duration statementTimeout, String database, String systemSchemaFilter,
			Function<String, ObjectKind> kindOf, Consumer<SnapshotObject> sink, @Nullable Object... filterParams)
			throws SQLException {
		Duration timeout = statementTimeout.multipliedBy(4);
		List<Relation> relations = query(c, timeout, """
				SELECT c.oid, n.nspname, c.relname, c.relkind,
				       CASE WHEN c.reltuples >= 0 AND c.relkind IN ('r','m','f') THEN c.reltuples::bigint END AS rows,
				       d.description
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
				WHERE c.relkind IN ('r','p','v','m','f') AND %s
				ORDER BY n.nspname, c.relname""".formatted(systemSchemaFilter),
				rs -> new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						getLong(rs, "rows"), rs.getString("description")), filterParams);
		for (int from = 0; from < relations.size(); from += BATCH) {
			List<Relation> batch = relations.subList(from, Math.min(relations.size(), from + BATCH));
			readBatch(c, timeout, database, batch, kindOf, sink);
		}
	}

	private static void readBatch(Connection c, Duration timeout, String database, List<Relation> batch,
			Function<String, ObjectKind> kindOf, Consumer<SnapshotObject> sink) throws SQLException {
		StringJoiner array = new StringJoiner(",", "{", "}");
		batch.forEach(r -> array.add(Long.toString(r.oid())));
		String oids = array.toString();
		Map<Long, List<SnapshotKey>> keys = new HashMap<>();
		Map<Long, Set<String>> primaryKeyColumns = new HashMap<>();
		query(c, timeout, """
				SELECT con.conrelid, con.conname, con.contype,
				       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
				             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols,
				       fn.nspname AS ref_schema, fc.relname AS ref_name,
				       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
				             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_cols
				FROM pg_constraint con
				LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
				WHERE con.contype IN ('p','u','f') AND con.conrelid = ANY(CAST(? AS oid[]))
				ORDER BY con.conrelid, con.contype, con.conname""", rs -> {
			long oid = rs.getLong(1);
			String type = switch (rs.getString(3)) {
				case "p" -> "PRIMARY_KEY";
				case "u" -> "UNIQUE";
				default -> "FOREIGN_KEY";
			};
			List<String> columns = getStrings(rs, "cols");
			keys.computeIfAbsent(oid, x -> new ArrayList<>()).add(new SnapshotKey(rs.getString(2), type, columns,
					rs.getString("ref_schema"), rs.getString("ref_name"), getStrings(rs, "ref_cols")));
			if (type.equals("PRIMARY_KEY")) {
				primaryKeyColumns.computeIfAbsent(oid, x -> new HashSet<>()).addAll(columns);
			}
			return Boolean.TRUE;
		}, oids);
		Map<Long, List<SnapshotColumn>> columns = new HashMap<>();
		query(c, timeout, """
				SELECT a.attrelid, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
				FROM pg_attribute a
				WHERE a.attrelid = ANY(CAST(? AS oid[])) AND a.attnum > 0 AND NOT a.attisdropped
				ORDER BY a.attrelid, a.attnum""", rs -> {
			long oid = rs.getLong(1);
			String name = rs.getString(2);
			columns.computeIfAbsent(oid, x -> new ArrayList<>()).add(new SnapshotColumn(name, rs.getInt(3),
					rs.getString(4), rs.getBoolean(5), primaryKeyColumns.getOrDefault(oid, Set.of()).contains(name)));
			return Boolean.TRUE;
		}, oids);
		for (Relation r : batch) {
			sink.accept(new SnapshotObject(database, r.schema(), r.name(), kindOf.apply(r.relkind()), r.rows(),
					r.comment(), List.copyOf(columns.getOrDefault(r.oid(), List.of())),
					List.copyOf(keys.getOrDefault(r.oid(), List.of()))));
		}
	}
}
