package dev.steward.engine;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@link CatalogIntrospector} answers: engine-neutral records that every adapter fills as far as its
 * engine allows (a field an engine lacks is null or empty, never invented).
 */
public final class CatalogModel {

	private CatalogModel() {
	}

	/** Object kinds across engines; the API spells them in lower case ({@code materialized_view}). */
	public enum ObjectKind {
		TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE, SEQUENCE, FUNCTION, PROCEDURE, TRIGGER,
		EVENT, ENUM, DOMAIN, EXTENSION, COLLECTION;

		public String apiName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** Kinds that have columns and rows. */
		public boolean isRelation() {
			return this == TABLE || this == PARTITIONED_TABLE || this == VIEW || this == MATERIALIZED_VIEW
					|| this == FOREIGN_TABLE || this == COLLECTION;
		}

		public static ObjectKind fromApi(String value) {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
	}

	/** How an object list is ordered; the adapters map each key to a fixed SQL expression. */
	public enum SortKey {
		NAME, ROWS, SIZE
	}

	/**
	 * @param isDefault the database the connection itself names
	 */
	public record DatabaseInfo(String name, @Nullable Long sizeBytes, boolean isDefault, @Nullable String comment) {
	}

	/**
	 * @param objectCounts number of objects per kind ({@link ObjectKind#apiName()}), for folder badges
	 */
	public record SchemaInfo(String name, @Nullable String owner, @Nullable String comment,
			Map<String, Long> objectCounts) {
	}

	/** A page request for objects of one schema; {@code q} filters names (case-insensitive contains). */
	public record ObjectQuery(String database, String schema, @Nullable ObjectKind kind, @Nullable String q, int page,
			int size, SortKey sort, boolean descending) {
	}

	public record ObjectPage(List<ObjectSummary> items, long totalElements) {
	}

	/**
	 * Names one object; {@code kind} disambiguates (a function and a table may share a name). Names that repeat
	 * within a schema need the rest of their identity: {@code parent} is the table a trigger is on (PostgreSQL
	 * names triggers per table), {@code signature} a routine's argument types as {@link ObjectSummary#signature()}
	 * gives them (overloads). Without them the first match (by table name, by signature) answers.
	 */
	public record ObjectRef(String database, String schema, String name, @Nullable ObjectKind kind,
			@Nullable String parent, @Nullable String signature) {

		public ObjectRef(String database, String schema, String name, @Nullable ObjectKind kind) {
			this(database, schema, name, kind, null, null);
		}
	}

	/**
	 * One row of an object list.
	 *
	 * @param approxRows     row estimate from the engine's statistics ({@code reltuples}, {@code TABLE_ROWS}); null if
	 *                       the engine keeps none
	 * @param info           a short engine-formatted description: a function's signature and return type, a
	 *                       sequence's increment, an enum's labels, a MySQL table's storage engine
	 * @param parent         the partitioned table a partition belongs to, the table a trigger is on
	 * @param hasPrimaryKey  for tables; null where it does not apply
	 * @param signature      a routine's argument types ({@code integer, text}; empty for none), which with the
	 *                       name identifies one overload; null for other kinds and engines without overloading
	 */
	public record ObjectSummary(String name, String schema, ObjectKind kind, @Nullable Long approxRows,
			@Nullable Long sizeBytes, @Nullable String comment, @Nullable String info, @Nullable String parent,
			@Nullable Boolean hasPrimaryKey, @Nullable String signature) {

		public ObjectSummary(String name, String schema, ObjectKind kind, @Nullable Long approxRows,
				@Nullable Long sizeBytes, @Nullable String comment, @Nullable String info, @Nullable String parent,
				@Nullable Boolean hasPrimaryKey) {
			this(name, schema, kind, approxRows, sizeBytes, comment, info, parent, hasPrimaryKey, null);
		}
	}

	/**
	 * A column or, for MongoDB, a field inferred from sampled documents.
	 *
	 * @param dataType      the type as the server formats it ({@code character varying(120)}, {@code int(11)})
	 * @param identity      {@code ALWAYS}, {@code BY DEFAULT} or {@code AUTO_INCREMENT}; null otherwise
	 * @param generated     the generation expression of a generated column
	 * @param observedTypes MongoDB: BSON type name → how many sampled documents had it
	 * @param presence      MongoDB: share of sampled documents that have the field (0..1)
	 */
	public record ColumnInfo(int position, String name, String dataType, boolean nullable,
			@Nullable String defaultValue, @Nullable String identity, @Nullable String generated,
			@Nullable String collation, @Nullable String comment, boolean primaryKey, boolean foreignKey,
			boolean unique, boolean indexed, @Nullable Map<String, Long> observedTypes, @Nullable Double presence) {
	}

	public enum ConstraintType {
		PRIMARY_KEY, UNIQUE, CHECK, EXCLUSION
	}

	public record ConstraintInfo(String name, ConstraintType type, List<String> columns,
			@Nullable String definition) {
	}

	/**
	 * A foreign key; in {@code referencedBy} lists the table side is the referencing one.
	 *
	 * @param onDelete {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}, {@code RESTRICT}, {@code NO ACTION}
	 */
	public record ForeignKeyInfo(String name, String schema, String table, List<String> columns,
			String referencedSchema, String referencedTable, List<String> referencedColumns, String onDelete,
			String onUpdate) {
	}

	/**
	 * @param columns   column names, or expressions for expression indexes
	 * @param predicate the WHERE clause of a partial index
	 */
	public record IndexInfo(String name, List<String> columns, boolean unique, boolean primary,
			@Nullable String method, @Nullable String predicate, @Nullable String definition,
			@Nullable Long sizeBytes) {
	}

	/**
	 * @param timing    BEFORE, AFTER, INSTEAD OF
	 * @param events    INSERT, UPDATE, DELETE, TRUNCATE
	 * @param action    the function called (PostgreSQL) or the statement body (MySQL, SQLite)
	 * @param level     ROW or STATEMENT
	 */
	public record TriggerInfo(String name, String timing, List<String> events, @Nullable String action,
			@Nullable String level, boolean enabled) {
	}

	/**
	 * Table statistics; sizes in bytes. {@code approxRows} is always an estimate: ask
	 * {@link CatalogIntrospector#exactCount} for the true number.
	 *
	 * @param properties engine-specific extras (MySQL storage engine and collation, MongoDB storage size …)
	 */
	public record TableStats(@Nullable Long approxRows, @Nullable Long totalBytes, @Nullable Long tableBytes,
			@Nullable Long indexBytes, @Nullable Long toastBytes, @Nullable OffsetDateTime lastVacuum,
			@Nullable OffsetDateTime lastAutovacuum, @Nullable OffsetDateTime lastAnalyze,
			@Nullable OffsetDateTime lastAutoanalyze, Map<String, String> properties) {

		public static TableStats none() {
			return new TableStats(null, null, null, null, null, null, null, null, null, Map.of());
		}
	}

	/**
	 * Everything about one object. Non-relation kinds (functions, sequences, enums …) carry their facts in
	 * {@code properties} and their source in {@code definition}.
	 *
	 * @param definition a view's query, a function's source, a trigger's statement
	 * @param partitions the partitions of a partitioned table
	 */
	public record ObjectDetail(ObjectSummary summary, List<ColumnInfo> columns, List<ConstraintInfo> constraints,
			List<ForeignKeyInfo> foreignKeys, List<ForeignKeyInfo> referencedBy, List<IndexInfo> indexes,
			List<TriggerInfo> triggers, TableStats stats, @Nullable String definition, List<String> partitions,
			Map<String, String> properties) {
	}

	/** A column as kept in a snapshot: the subset search and diffs need. */
	public record SnapshotColumn(String name, int position, String dataType, boolean nullable, boolean primaryKey) {
	}

	/** A key as kept in a snapshot. {@code type} is PRIMARY_KEY, UNIQUE or FOREIGN_KEY. */
	public record SnapshotKey(String name, String type, List<String> columns, @Nullable String referencedSchema,
			@Nullable String referencedTable, List<String> referencedColumns) {
	}

	/** One object of a snapshot with its columns and keys. */
	public record SnapshotObject(String database, String schema, String name, ObjectKind kind,
			@Nullable Long approxRows, @Nullable String comment, List<SnapshotColumn> columns,
			List<SnapshotKey> keys) {
	}
}
