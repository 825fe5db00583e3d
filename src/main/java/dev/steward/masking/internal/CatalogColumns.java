package dev.steward.masking.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.Engines;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.StatementResult;

/**
 * The base tables of a database and their columns, read from the standard {@code information_schema} on a
 * read-only console connection of its own (bounded in rows and time) and kept briefly per connection and database:
 * masking needs to know which traced relations are real tables (a view's column is not traced further) and whether
 * a database holds any masked column at all.
 */
@Component
public class CatalogColumns {

	/** More columns than this: the catalog counts as unknown, and masking falls back to masking everything. */
	static final int MAX_COLUMNS = 50_000;

	static final Duration TTL = Duration.ofSeconds(30);

	static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final String SQL = """
			SELECT c.table_schema, c.table_name, c.column_name, c.data_type
			FROM information_schema.columns c JOIN information_schema.tables t
			  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
			WHERE t.table_type = 'BASE TABLE'
			  AND c.table_schema NOT IN ('pg_catalog', 'information_schema', 'mysql', 'performance_schema', 'sys')
			ORDER BY c.table_schema, c.table_name, c.ordinal_position""";

	/** One base table column. */
	public record Column(String schema, String table, String name, String type) {
	}

	/** The base tables' columns by {@code schema.table} (exact case). */
	public record Catalog(Map<String, List<Column>> tables) {

		/** A catalog of these columns (each table's in order). */
		public static Catalog of(List<Column> columns) {
			Map<String, List<Column>> tables = new HashMap<>();
			for (Column c : columns) {
				tables.computeIfAbsent(key(c.schema(), c.table()), k -> new java.util.ArrayList<>()).add(c);
			}
			return new Catalog(Map.copyOf(tables));
		}

		public boolean isBaseTable(String schema, String table) {
			return tables.containsKey(key(schema, table));
		}

		public Optional<Column> column(String schema, String table, String column) {
			return tables.getOrDefault(key(schema, table), List.of()).stream()
				.filter(c -> c.name().equals(column)).findFirst();
		}

		static String key(String schema, String table) {
			return schema + "\u0000" + table;
		}
	}

	private record Cached(@Nullable Catalog catalog, long at) {
	}

	private final Engines engines;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	CatalogColumns(Engines engines) {
		this.engines = engines;
	}

	/** The catalog of {@code database} (the connection's own when null); empty when it could not be read. */
	public Optional<Catalog> of(ResolvedConnection connection, @Nullable String database) {
		String key = connection.id() + "/" + (database == null ? "" : database);
		Cached c = cache.get(key);
		if (c != null && System.nanoTime() - c.at() < TTL.toNanos()) {
			return Optional.ofNullable(c.catalog());
		}
		Catalog loaded = load(connection, database);
		if (cache.size() > 500) {
			cache.clear(); // a crude bound: the entries are cheap to read again
		}
		cache.put(key, new Cached(loaded, System.nanoTime()));
		return Optional.ofNullable(loaded);
	}

	/** Forgets what was read (a policy changed, a test wants fresh tables). */
	public void forget() {
		cache.clear();
	}

	private @Nullable Catalog load(ResolvedConnection connection, @Nullable String database) {
		Optional<QueryCapability> query = engines.findCapability(connection.engine(), QueryCapability.class);
		if (query.isEmpty()) {
			return null;
		}
		try (ConsoleSession session = query.get().open(connection.spec(), new ConsoleOptions(database, true))) {
			Thread timer = Thread.ofVirtual().start(() -> {
				try {
					Thread.sleep(TIMEOUT);
					session.cancel();
				}
				catch (InterruptedException e) {
					// finished in time
				}
			});
			try (StatementResult result = session.execute(SQL, 1000)) {
				Map<String, List<Column>> tables = new HashMap<>();
				int n = 0;
				List<List<@Nullable String>> page;
				while (!(page = result.fetch(1000)).isEmpty()) {
					for (List<@Nullable String> row : page) {
						if (++n > MAX_COLUMNS) {
							return null;
						}
						Column col = new Column(s(row.get(0)), s(row.get(1)), s(row.get(2)), s(row.get(3)));
						tables.computeIfAbsent(Catalog.key(col.schema(), col.table()), k -> new java.util.ArrayList<>())
							.add(col);
					}
				}
				return new Catalog(Map.copyOf(tables));
			}
			finally {
				timer.interrupt();
			}
		}
		catch (RuntimeException e) {
			return null; // unknown: the caller masks whatever it cannot prove clear
		}
	}

	private static String s(@Nullable String v) {
		return v == null ? "" : v;
	}

}
