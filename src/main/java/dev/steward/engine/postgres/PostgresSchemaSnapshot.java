package dev.steward.engine.postgres;

import static dev.steward.engine.support.CatalogJdbc.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;

/**
 * One schema's relations for the ER diagram, with partitions folded into their partitioned table: a partition is
 * not handed on, its foreign keys are (once per distinct key, named after the first partition's constraint and how
 * many partitions carry it) on the topmost partitioned table. Pagila declares {@code payment}'s foreign keys on its
 * partitions only; without this the diagram would draw 55 partitions, or a {@code payment} with no edges.
 * Only partitioned tables wait for the end of the read; every other relation streams through.
 */
final class PostgresSchemaSnapshot {

	private PostgresSchemaSnapshot() {
	}

	private record Lifted(SnapshotKey key, int[] partitions) {
	}

	static void read(Connection c, Duration timeout, String database, String schema,
			Function<String, ObjectKind> kindOf, Consumer<SnapshotObject> sink) throws SQLException {
		Map<String, String> parentOf = new HashMap<>();
		query(c, timeout, """
				SELECT c.relname, p.relname
				FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
				JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_namespace pn ON pn.oid = p.relnamespace
				WHERE c.relispartition AND n.nspname = ? AND pn.nspname = ?""",
				rs -> parentOf.put(rs.getString(1), rs.getString(2)), schema, schema);
		Set<String> parents = new HashSet<>(parentOf.values());
		Map<String, SnapshotObject> waiting = new LinkedHashMap<>();
		Map<String, Map<String, Lifted>> lifted = new HashMap<>();
		PostgresSnapshot.read(c, timeout, database, "n.nspname = ?", kindOf, o -> {
			String parent = parentOf.get(o.name());
			if (parent != null) {
				String top = top(parentOf, parent);
				for (SnapshotKey k : o.keys()) {
					if (k.type().equals("FOREIGN_KEY")) {
						lifted.computeIfAbsent(top, x -> new LinkedHashMap<>())
							.computeIfAbsent(signature(k), x -> new Lifted(k, new int[1])).partitions()[0]++;
					}
				}
			}
			else if (parents.contains(o.name())) {
				waiting.put(o.name(), o);
			}
			else {
				sink.accept(o);
			}
		}, schema);
		for (SnapshotObject table : waiting.values()) {
			sink.accept(withLifted(table, lifted.getOrDefault(table.name(), Map.of())));
		}
	}

	private static String top(Map<String, String> parentOf, String parent) {
		String top = parent;
		for (int depth = 0; parentOf.containsKey(top) && depth < 100; depth++) {
			top = parentOf.get(top);
		}
		return top;
	}

	private static String signature(SnapshotKey k) {
		return k.columns() + "\u0000" + k.referencedSchema() + "\u0000" + k.referencedTable() + "\u0000"
				+ k.referencedColumns();
	}

	private static SnapshotObject withLifted(SnapshotObject table, Map<String, Lifted> lifted) {
		if (lifted.isEmpty()) {
			return table;
		}
		Set<String> own = new HashSet<>();
		table.keys().forEach(k -> own.add(signature(k)));
		List<SnapshotKey> keys = new ArrayList<>(table.keys());
		lifted.forEach((signature, l) -> {
			if (!own.contains(signature)) {
				SnapshotKey k = l.key();
				keys.add(new SnapshotKey(k.name() + " (on " + l.partitions()[0] + " partition"
						+ (l.partitions()[0] == 1 ? "" : "s") + ")", k.type(), k.columns(), k.referencedSchema(),
						k.referencedTable(), k.referencedColumns()));
			}
		});
		return new SnapshotObject(table.database(), table.schema(), table.name(), table.kind(), table.approxRows(),
				table.comment(), table.columns(), List.copyOf(keys));
	}
}
