package dev.steward.catalog.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.CatalogModel;

/**
 * The catalog's REST shapes: the API's spelling lives here, so the engine SPI's {@link CatalogModel} can change
 * without changing what clients read. Names and fields are the published ones (the OpenAPI document checks them).
 */
final class CatalogViews {

	private CatalogViews() {
	}

	enum ObjectKind {
		TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE, SEQUENCE, FUNCTION, PROCEDURE, TRIGGER,
		EVENT, ENUM, DOMAIN, EXTENSION, COLLECTION;

		static ObjectKind of(CatalogModel.ObjectKind kind) {
			return valueOf(kind.name());
		}
	}

	enum ConstraintType {
		PRIMARY_KEY, UNIQUE, CHECK, EXCLUSION
	}

	record DatabaseInfo(String name, @Nullable Long sizeBytes, boolean isDefault, @Nullable String comment) {

		static DatabaseInfo of(CatalogModel.DatabaseInfo d) {
			return new DatabaseInfo(d.name(), d.sizeBytes(), d.isDefault(), d.comment());
		}
	}

	record SchemaInfo(String name, @Nullable String owner, @Nullable String comment, Map<String, Long> objectCounts) {

		static SchemaInfo of(CatalogModel.SchemaInfo s) {
			return new SchemaInfo(s.name(), s.owner(), s.comment(), s.objectCounts());
		}
	}

	record ObjectSummary(String name, String schema, ObjectKind kind, @Nullable Long approxRows,
			@Nullable Long sizeBytes, @Nullable String comment, @Nullable String info, @Nullable String parent,
			@Nullable Boolean hasPrimaryKey, @Nullable String signature) {

		static ObjectSummary of(CatalogModel.ObjectSummary o) {
			return new ObjectSummary(o.name(), o.schema(), ObjectKind.of(o.kind()), o.approxRows(), o.sizeBytes(),
					o.comment(), o.info(), o.parent(), o.hasPrimaryKey(), o.signature());
		}
	}

	record ColumnInfo(int position, String name, String dataType, boolean nullable, @Nullable String defaultValue,
			@Nullable String identity, @Nullable String generated, @Nullable String collation,
			@Nullable String comment, boolean primaryKey, boolean foreignKey, boolean unique, boolean indexed,
			@Nullable Map<String, Long> observedTypes, @Nullable Double presence) {

		static ColumnInfo of(CatalogModel.ColumnInfo c) {
			return new ColumnInfo(c.position(), c.name(), c.dataType(), c.nullable(), c.defaultValue(), c.identity(),
					c.generated(), c.collation(), c.comment(), c.primaryKey(), c.foreignKey(), c.unique(), c.indexed(),
					c.observedTypes(), c.presence());
		}
	}

	record ConstraintInfo(String name, ConstraintType type, List<String> columns, @Nullable String definition) {

		static ConstraintInfo of(CatalogModel.ConstraintInfo c) {
			return new ConstraintInfo(c.name(), ConstraintType.valueOf(c.type().name()), c.columns(), c.definition());
		}
	}

	record ForeignKeyInfo(String name, String schema, String table, List<String> columns, String referencedSchema,
			String referencedTable, List<String> referencedColumns, String onDelete, String onUpdate) {

		static ForeignKeyInfo of(CatalogModel.ForeignKeyInfo f) {
			return new ForeignKeyInfo(f.name(), f.schema(), f.table(), f.columns(), f.referencedSchema(),
					f.referencedTable(), f.referencedColumns(), f.onDelete(), f.onUpdate());
		}
	}

	record IndexInfo(String name, List<String> columns, boolean unique, boolean primary, @Nullable String method,
			@Nullable String predicate, @Nullable String definition, @Nullable Long sizeBytes) {

		static IndexInfo of(CatalogModel.IndexInfo i) {
			return new IndexInfo(i.name(), i.columns(), i.unique(), i.primary(), i.method(), i.predicate(),
					i.definition(), i.sizeBytes());
		}
	}

	record TriggerInfo(String name, String timing, List<String> events, @Nullable String action,
			@Nullable String level, boolean enabled) {

		static TriggerInfo of(CatalogModel.TriggerInfo t) {
			return new TriggerInfo(t.name(), t.timing(), t.events(), t.action(), t.level(), t.enabled());
		}
	}

	record TableStats(@Nullable Long approxRows, @Nullable Long totalBytes, @Nullable Long tableBytes,
			@Nullable Long indexBytes, @Nullable Long toastBytes, @Nullable OffsetDateTime lastVacuum,
			@Nullable OffsetDateTime lastAutovacuum, @Nullable OffsetDateTime lastAnalyze,
			@Nullable OffsetDateTime lastAutoanalyze, Map<String, String> properties) {

		static TableStats of(CatalogModel.TableStats s) {
			return new TableStats(s.approxRows(), s.totalBytes(), s.tableBytes(), s.indexBytes(), s.toastBytes(),
					s.lastVacuum(), s.lastAutovacuum(), s.lastAnalyze(), s.lastAutoanalyze(), s.properties());
		}
	}

	record ObjectDetail(ObjectSummary summary, List<ColumnInfo> columns, List<ConstraintInfo> constraints,
			List<ForeignKeyInfo> foreignKeys, List<ForeignKeyInfo> referencedBy, List<IndexInfo> indexes,
			List<TriggerInfo> triggers, TableStats stats, @Nullable String definition, List<String> partitions,
			Map<String, String> properties) {

		static ObjectDetail of(CatalogModel.ObjectDetail d) {
			return new ObjectDetail(ObjectSummary.of(d.summary()), d.columns().stream().map(ColumnInfo::of).toList(),
					d.constraints().stream().map(ConstraintInfo::of).toList(),
					d.foreignKeys().stream().map(ForeignKeyInfo::of).toList(),
					d.referencedBy().stream().map(ForeignKeyInfo::of).toList(),
					d.indexes().stream().map(IndexInfo::of).toList(),
					d.triggers().stream().map(TriggerInfo::of).toList(), TableStats.of(d.stats()), d.definition(),
					d.partitions(), d.properties());
		}
	}
}
