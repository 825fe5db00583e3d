package dev.steward.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.catalog.CatalogEvents.ExactCountRun;
import dev.steward.catalog.internal.CatalogProperties;
import dev.steward.catalog.internal.CatalogTargets;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.DatabaseInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SchemaInfo;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.DdlLanguage;
import dev.steward.engine.Engines;
import dev.steward.shared.Actor;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;
import dev.steward.shared.web.StewardRequest;

/**
 * The live catalog of a registered connection: every call resolves the connection for the current user
 * (invisible → 404), asks the engine's {@link CatalogIntrospector} one bounded question and answers it. Nothing
 * here depends on a sync having happened.
 */
@Service
public class CatalogBrowser {

	private final ConnectionLookup connections;

	private final Engines engines;

	private final CatalogTargets targets;

	private final CatalogProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	CatalogBrowser(ConnectionLookup connections, Engines engines, CatalogTargets targets, CatalogProperties properties,
			ApplicationEventPublisher events, TransactionTemplate tx) {
		this.connections = connections;
		this.engines = engines;
		this.targets = targets;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
	}

	private record Session(ResolvedConnection connection, CatalogIntrospector introspector,
			CatalogTargets.Target target) {
	}

	private Session open(UUID connectionId) {
		ResolvedConnection connection = connections.resolveActive(connectionId);
		CatalogIntrospector introspector = engines.capability(connection.engine(), CatalogIntrospector.class);
		connections.markUsed(connectionId);
		return new Session(connection, introspector, targets.of(connection));
	}

	/**
	 * A session for a request naming a database: an unknown one, or one this connection may not browse, is 404
	 * before anything is opened for it. Engines without schemas read the schema parameter as the database, so
	 * there it is checked as well.
	 */
	private Session open(UUID connectionId, String database, @Nullable String schema) {
		Session s = open(connectionId);
		requireDatabase(s, database, schema);
		return s;
	}

	private void requireDatabase(Session s, String database, @Nullable String schema) {
		s.target().requireDatabase(database);
		if (schema != null && !engines.traits(s.connection().engine()).schemas() && !schema.equals(database)) {
			s.target().requireDatabase(schema);
		}
	}

	/** The language the connection's engine writes object definitions in. */
	public DdlLanguage ddlLanguage(UUID connectionId) {
		return engines.traits(connections.resolve(connectionId).engine()).ddlLanguage();
	}

	public List<DatabaseInfo> databases(UUID connectionId) {
		Session s = open(connectionId);
		return s.target().visible(s.introspector().databases(s.target()));
	}

	public List<SchemaInfo> schemas(UUID connectionId, String database) {
		Session s = open(connectionId, database, null);
		List<SchemaInfo> schemas = s.introspector().schemas(s.target(), database);
		if (schemas.isEmpty()) {
			throw new NotFound("Database", database);
		}
		return schemas;
	}

	public PageResult<ObjectSummary> objects(UUID connectionId, ObjectQuery query) {
		Session s = open(connectionId, query.database(), query.schema());
		ObjectPage page = s.introspector().objects(s.target(), query);
		return PageResult.of(page.items(), query.page(), query.size(), page.totalElements());
	}

	public ObjectDetail object(UUID connectionId, ObjectRef ref) {
		Session s = open(connectionId, ref.database(), ref.schema());
		return s.introspector().object(s.target(), ref).orElseThrow(() -> new NotFound("Object", ref.name()));
	}

	public String ddl(UUID connectionId, ObjectRef ref) {
		Session s = open(connectionId, ref.database(), ref.schema());
		return s.introspector().ddl(s.target(), ref).orElseThrow(() -> new NotFound("Object", ref.name()));
	}

	/** The relations of one schema with their columns and keys, handed to {@code sink} one by one. */
	public void schemaSnapshot(UUID connectionId, String database, String schema, Consumer<SnapshotObject> sink) {
		Session s = open(connectionId, database, schema);
		s.introspector().schemaSnapshot(s.target(), database, schema, sink);
	}

	public record ExactCount(long count, long elapsedMillis) {
	}

	/**
	 * {@code SELECT count(*)} under the count timeout. Read-only, so every role may run it; it is audited
	 * (success or failure) because it can read a whole table.
	 */
	public ExactCount exactCount(UUID connectionId, ObjectRef ref) {
		Session s = open(connectionId);
		Actor actor = Actor.current();
		String object = ref.database() + "." + ref.schema() + "." + ref.name();
		long start = System.nanoTime();
		try {
			requireDatabase(s, ref.database(), ref.schema());
		}
		catch (NotFound e) {
			// refused like a missing table: audited the same way
			publish(new ExactCountRun(actor, connectionId, object, null, 0, "no such database", Instant.now()));
			throw e;
		}
		try {
			Long count = s.introspector().exactCount(s.target(), ref, properties.countTimeout()).orElse(null);
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			publish(new ExactCountRun(actor, connectionId, object, count, elapsed,
					count == null ? "no such table or view" : null, Instant.now()));
			if (count == null) {
				StewardRequest.markCurrentAudited(); // the event is this call's record
				throw new NotFound("Object", ref.name());
			}
			return new ExactCount(count, elapsed);
		}
		catch (CatalogUnavailable e) {
			publish(new ExactCountRun(actor, connectionId, object, null, (System.nanoTime() - start) / 1_000_000,
					e.getMessage(), Instant.now()));
			StewardRequest.markCurrentAudited();
			throw e;
		}
	}

	private void publish(Object event) {
		// the audit listener fires after commit, so the event needs a transaction of its own
		tx.executeWithoutResult(status -> events.publishEvent(event));
	}

	/** Parses an API kind name; null stays null. */
	public static ObjectKind kind(String value) {
		return ObjectKind.fromApi(value);
	}
}
