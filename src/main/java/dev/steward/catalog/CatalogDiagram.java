package dev.steward.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.shared.NotFound;

/**
 * What the ER diagram of one schema draws: its tables with their key columns (primary and foreign key columns, not
 * every column: a 1,000-table schema stays a small answer) and one edge per foreign key. Read live from the
 * target, one schema at a time; at most {@link #MAX_TABLES} tables ({@code truncated} says when more exist).
 */
@Service
public class CatalogDiagram {

	static final int MAX_TABLES = 5000;

	private static final Set<ObjectKind> TABLES = EnumSet.of(ObjectKind.TABLE, ObjectKind.PARTITIONED_TABLE,
			ObjectKind.FOREIGN_TABLE, ObjectKind.COLLECTION);

	/** A key column: part of the primary key, of a foreign key, or both. */
	public record ErColumn(String name, String dataType, boolean nullable, boolean primaryKey, boolean foreignKey) {
	}

	/** @param columnCount all the table's columns, of which {@code keyColumns} are the keys */
	public record ErTable(String name, String kind, @Nullable Long approxRows, int columnCount,
			List<ErColumn> keyColumns) {
	}

	/** A foreign key from {@code fromTable} (in the diagram's schema) to {@code toSchema.toTable}. */
	public record ErEdge(String name, String fromTable, List<String> fromColumns, String toSchema, String toTable,
			List<String> toColumns) {
	}

	public record ErDiagram(String database, String schema, List<ErTable> tables, List<ErEdge> edges,
			boolean truncated) {
	}

	private final CatalogBrowser browser;

	CatalogDiagram(CatalogBrowser browser) {
		this.browser = browser;
	}

	/** The diagram's data; an unknown (or invisible) database or schema is 404. */
	public ErDiagram of(UUID connectionId, String database, String schema) {
		if (browser.schemas(connectionId, database).stream().noneMatch(s -> s.name().equals(schema))) {
			throw new NotFound("Schema", schema);
		}
		List<ErTable> tables = new ArrayList<>();
		List<ErEdge> edges = new ArrayList<>();
		boolean[] truncated = { false };
		browser.schemaSnapshot(connectionId, database, schema, object -> {
			if (!TABLES.contains(object.kind())) {
				return;
			}
			if (tables.size() >= MAX_TABLES) {
				truncated[0] = true;
				return;
			}
			tables.add(table(object));
			for (SnapshotKey key : object.keys()) {
				if (key.type().equals("FOREIGN_KEY") && key.referencedTable() != null) {
					edges.add(new ErEdge(key.name(), object.name(), key.columns(),
							key.referencedSchema() == null ? schema : key.referencedSchema(), key.referencedTable(),
							key.referencedColumns()));
				}
			}
		});
		return new ErDiagram(database, schema, tables, edges, truncated[0]);
	}

	private static ErTable table(SnapshotObject object) {
		Set<String> foreign = new HashSet<>();
		for (SnapshotKey key : object.keys()) {
			if (key.type().equals("FOREIGN_KEY")) {
				foreign.addAll(key.columns());
			}
		}
		List<ErColumn> keys = new ArrayList<>();
		for (SnapshotColumn c : object.columns()) {
			if (c.primaryKey() || foreign.contains(c.name())) {
				keys.add(new ErColumn(c.name(), c.dataType(), c.nullable(), c.primaryKey(), foreign.contains(c.name())));
			}
		}
		return new ErTable(object.name(), object.kind().apiName(), object.approxRows(), object.columns().size(),
				List.copyOf(keys));
	}
}
