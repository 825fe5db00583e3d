package dev.steward.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.steward.engine.CatalogModel.DatabaseInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.SchemaInfo;
import dev.steward.engine.CatalogModel.SnapshotObject;

/**
 * Reads an engine's catalog lazily: every method answers one bounded question with one or a few cheap
 * statements under {@link CatalogTarget#statementTimeout()}, with names bound as values (or quoted by the
 * engine's rules where an identifier must appear in SQL). Lists are paged, filtered and sorted by the engine.
 * A missing object is {@code Optional.empty()}; a failing target throws {@link CatalogUnavailable}.
 */
public interface CatalogIntrospector extends EngineCapability {

	List<DatabaseInfo> databases(CatalogTarget target);

	/** Schemas of a database; engines without schemas answer one schema named like the database. */
	List<SchemaInfo> schemas(CatalogTarget target, String database);

	ObjectPage objects(CatalogTarget target, ObjectQuery query);

	Optional<ObjectDetail> object(CatalogTarget target, ObjectRef ref);

	/** The CREATE statement, from the engine's own tools where it has them; empty if no such object. */
	Optional<String> ddl(CatalogTarget target, ObjectRef ref);

	/** {@code SELECT count(*)} (or the engine's equivalent) under {@code timeout}; empty if no such object. */
	Optional<Long> exactCount(CatalogTarget target, ObjectRef ref, Duration timeout);

	/**
	 * Tables, views and collections with their columns and keys, for the stored snapshot. Reads the
	 * connection's own database, or all user databases when the connection names none.
	 */
	List<SnapshotObject> snapshot(CatalogTarget target);

	/**
	 * The same snapshot handed to {@code sink} object by object. Engines whose catalogs can be large override
	 * this to read in bounded batches, so that nothing holds the whole catalog; the default reads it whole.
	 */
	default void snapshot(CatalogTarget target, Consumer<SnapshotObject> sink) {
		snapshot(target).forEach(sink);
	}

	/**
	 * The tables, views and collections of one schema with their columns and keys, for the ER diagram. The default
	 * filters the snapshot; engines that can read one schema alone override it, so that a diagram of one schema
	 * does not read the whole server.
	 */
	default void schemaSnapshot(CatalogTarget target, String database, String schema, Consumer<SnapshotObject> sink) {
		snapshot(target, o -> {
			if (o.database().equals(database) && o.schema().equals(schema)) {
				sink.accept(o);
			}
		});
	}
}
