package dev.steward.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.catalog.CatalogEvents.DataChanged;
import dev.steward.catalog.CatalogEvents.ExactCountRun;
import dev.steward.catalog.internal.CatalogProperties;
import dev.steward.catalog.internal.CatalogTargets;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ConstraintInfo;
import dev.steward.engine.CatalogModel.ConstraintType;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.Engines;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.TableData.Cancellation;
import dev.steward.engine.TableData.ChangeKind;
import dev.steward.engine.TableData.ChangeResult;
import dev.steward.engine.TableData.Column;
import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.Page;
import dev.steward.engine.TableData.PageRequest;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.RowConflict;
import dev.steward.engine.TableData.RowSource;
import dev.steward.engine.TableData.Sort;
import dev.steward.engine.TableData.Statement;
import dev.steward.engine.TableDataCapability;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.web.StewardRequest;

/**
 * The data grid of a registered connection. Every call first resolves the relation through the live catalog
 * (unknown database, schema or table → 404; a name that is no table, view or collection → 404), so the engine only
 * ever quotes names the catalog itself returned; column names in sorts, filters and changes must be the relation's
 * own. Edits need the right to write into the connection (its owner or an ADMIN) and a primary key.
 */
@Service
public class TableDataBrowser {

	/** Most changes one apply may carry. */
	public static final int MAX_CHANGES = 1000;

	private final ConnectionLookup connections;

	private final Engines engines;

	private final CatalogTargets targets;

	private final CatalogProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	TableDataBrowser(ConnectionLookup connections, Engines engines, CatalogTargets targets,
			CatalogProperties properties, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.connections = connections;
		this.engines = engines;
		this.targets = targets;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
	}

	/** Names a table, view or collection. */
	public record TableRef(String database, String schema, String table) {

		String display() {
			return database + "." + schema + "." + table;
		}
	}

	/** A page request as the API received it, with the cursor already decoded. */
	public record DataQuery(@Nullable Sort sort, List<Filter> filters, @Nullable List<@Nullable String> after,
			long offset, int limit) {
	}

	/** The relation with what the grid may do with it, and one page. */
	public record DataPage(Relation relation, boolean editable, Page page) {
	}

	private record Session(ResolvedConnection connection, CatalogTargets.Target target, TableDataCapability data,
			Relation relation) {
	}

	public DataPage read(UUID connectionId, TableRef ref, DataQuery query) {
		Session s = open(connections.resolveActive(connectionId), ref);
		requireColumns(s.relation(), query.sort(), query.filters());
		if (query.after() != null && query.after().size() != s.relation().key().size() + (query.sort() == null ? 0 : 1)) {
			throw new InvalidInput("after", "This cursor belongs to another sort or table");
		}
		Page page = s.data().read(s.target(), new PageRequest(s.relation(), query.sort(), query.filters(),
				query.after(), query.offset(), query.limit()));
		return new DataPage(s.relation(), s.relation().editable(), page);
	}

	/** Counts the rows the filters match; audited like the catalog's exact count, since it may read a whole table. */
	public long count(UUID connectionId, TableRef ref, List<Filter> filters) {
		Session s = open(connections.resolveActive(connectionId), ref);
		requireColumns(s.relation(), null, filters);
		Actor actor = Actor.current();
		String object = ref.display() + (filters.isEmpty() ? "" : " (filtered)");
		long start = System.nanoTime();
		try {
			long count = s.data().count(s.target(), s.relation(), filters, properties.countTimeout());
			publish(new ExactCountRun(actor, connectionId, object, count, (System.nanoTime() - start) / 1_000_000,
					null, Instant.now()));
			return count;
		}
		catch (RuntimeException e) {
			publish(new ExactCountRun(actor, connectionId, object, null, (System.nanoTime() - start) / 1_000_000,
					e.getMessage(), Instant.now()));
			StewardRequest.markCurrentAudited();
			throw e;
		}
	}

	/** The statements {@link #apply} would run; the same rights as applying them. */
	public List<Statement> preview(UUID connectionId, TableRef ref, List<RowChange> changes) {
		Session s = openWritable(connectionId, ref, changes);
		return s.data().plan(s.relation(), changes);
	}

	/** Applies every change in one transaction, or none; audited either way. */
	public ChangeResult apply(UUID connectionId, TableRef ref, List<RowChange> changes) {
		Session s = openWritable(connectionId, ref, changes);
		Actor actor = Actor.current();
		try {
			ChangeResult result = s.data().apply(s.target(), s.relation(), changes);
			publish(new DataChanged(actor, connectionId, ref.display(), result.updated(), result.inserted(),
					result.deleted(), null, Instant.now()));
			return result;
		}
		catch (RowConflict | StatementFailed e) {
			publish(new DataChanged(actor, connectionId, ref.display(), 0, 0, 0, e.getMessage(), Instant.now()));
			StewardRequest.markCurrentAudited();
			throw e;
		}
	}

	/**
	 * For an import: the relation rows will be loaded into, after checking that the caller may write into the
	 * connection (before anything about the table is looked up) and that it is a table.
	 */
	public Relation importTarget(UUID connectionId, TableRef ref) {
		ResolvedConnection connection = connections.resolveWritable(connectionId);
		Session s = open(connection, ref);
		if (s.relation().kind() != ObjectKind.TABLE && s.relation().kind() != ObjectKind.PARTITIONED_TABLE) {
			throw new Conflict("Rows can only be imported into a table");
		}
		return s.relation();
	}

	/**
	 * Loads rows into {@code columns} of the table (checked by {@link #importTarget} when the import was asked for)
	 * all or nothing, on the job's thread: the connection is resolved as the system, since the rights were checked.
	 */
	public long load(UUID connectionId, TableRef ref, List<String> columns, RowSource rows, Cancellation cancel) {
		Session s = open(connections.resolveAsSystem(connectionId), ref);
		for (String column : columns) {
			if (!s.relation().hasColumn(column)) {
				throw new Conflict("The table has no column '" + column + "' any more");
			}
		}
		return s.data().load(s.target(), s.relation(), columns, rows, cancel);
	}

	private Session openWritable(UUID connectionId, TableRef ref, List<RowChange> changes) {
		// rights first: someone who may not write learns nothing about the table from a validation error
		ResolvedConnection connection = connections.resolveWritable(connectionId);
		if (changes.isEmpty() || changes.size() > MAX_CHANGES) {
			throw new InvalidInput("changes", "Between 1 and " + MAX_CHANGES + " changes");
		}
		Session s = open(connection, ref);
		if (!s.relation().editable()) {
			throw new Conflict("Only tables with a primary key can be edited here");
		}
		for (int i = 0; i < changes.size(); i++) {
			requireChange(s.relation(), changes.get(i), i);
		}
		return s;
	}

	private static void requireChange(Relation r, RowChange c, int i) {
		String field = "changes[" + i + "]";
		if (c.kind() != ChangeKind.INSERT && !c.key().keySet().equals(Set.copyOf(r.key()))) {
			throw new InvalidInput(field + ".key", "Must name exactly the key columns " + r.key());
		}
		if (c.kind() == ChangeKind.UPDATE && c.values().isEmpty()) {
			throw new InvalidInput(field + ".values", "An update must change at least one column");
		}
		Set<String> names = new HashSet<>(c.values().keySet());
		names.addAll(c.original().keySet());
		for (String name : names) {
			if (!r.hasColumn(name)) {
				throw new InvalidInput(field, "No column '" + name + "' in " + r.name());
			}
		}
	}

	private Session open(ResolvedConnection connection, TableRef ref) {
		CatalogTargets.Target target = targets.of(connection);
		target.requireDatabase(ref.database());
		if (!engines.traits(connection.engine()).schemas() && !ref.schema().equals(ref.database())) {
			target.requireDatabase(ref.schema());
		}
		CatalogIntrospector catalog = engines.capability(connection.engine(), CatalogIntrospector.class);
		TableDataCapability data = engines.capability(connection.engine(), TableDataCapability.class);
		ObjectDetail detail = catalog.object(target, new ObjectRef(ref.database(), ref.schema(), ref.table(), null))
			.filter(d -> d.summary().kind().isRelation())
			.orElseThrow(() -> new NotFound("Table", ref.table()));
		connections.markUsed(connection.id());
		return new Session(connection, target, data, relation(ref, detail));
	}

	/** The key: the primary key, else the first unique key whose columns are all NOT NULL. */
	static Relation relation(TableRef ref, ObjectDetail detail) {
		List<Column> columns = detail.columns().stream()
			.map(c -> new Column(c.name(), c.dataType(), c.nullable()))
			.toList();
		List<String> pk = detail.constraints().stream().filter(k -> k.type() == ConstraintType.PRIMARY_KEY)
			.findFirst().map(ConstraintInfo::columns).orElse(List.of());
		if (pk.isEmpty()) {
			pk = detail.columns().stream().filter(ColumnInfo::primaryKey).map(ColumnInfo::name).toList();
		}
		List<String> key = new ArrayList<>(pk);
		if (key.isEmpty()) {
			Set<String> notNull = new HashSet<>(detail.columns().stream().filter(c -> !c.nullable())
				.map(ColumnInfo::name).toList());
			detail.constraints().stream()
				.filter(k -> k.type() == ConstraintType.UNIQUE && !k.columns().isEmpty()
						&& notNull.containsAll(k.columns()))
				.findFirst().ifPresent(k -> key.addAll(k.columns()));
		}
		return new Relation(ref.database(), detail.summary().schema(), detail.summary().name(),
				detail.summary().kind(), columns, List.copyOf(key), !pk.isEmpty());
	}

	private static void requireColumns(Relation r, @Nullable Sort sort, List<Filter> filters) {
		if (sort != null && !r.hasColumn(sort.column())) {
			throw new InvalidInput("sort", "No column '" + sort.column() + "' in " + r.name());
		}
		for (Filter f : filters) {
			if (!r.hasColumn(f.column())) {
				throw new InvalidInput("filter", "No column '" + f.column() + "' in " + r.name());
			}
		}
	}

	private void publish(Object event) {
		// the audit listener fires after commit, so the event needs a transaction of its own
		tx.executeWithoutResult(status -> events.publishEvent(event));
	}
}
