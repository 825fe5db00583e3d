package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.engine.CatalogModel.ConstraintType;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.TableData.ChangeKind;
import dev.steward.engine.TableData.Column;
import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.FilterOp;
import dev.steward.engine.TableData.Page;
import dev.steward.engine.TableData.PageRequest;
import dev.steward.engine.TableData.Paging;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.RowConflict;
import dev.steward.engine.TableData.Sort;
import dev.steward.engine.TableData.Statement;
import dev.steward.engine.mongo.MongoTestCatalog;
import dev.steward.engine.mongo.MongoTableData;
import dev.steward.engine.mysql.MysqlTableData;
import dev.steward.engine.mysql.MysqlTestCatalog;
import dev.steward.engine.postgres.PostgresTableData;
import dev.steward.engine.postgres.PostgresTestCatalog;
import dev.steward.engine.sqlite.SqliteTableData;
import dev.steward.engine.sqlite.SqliteTestCatalog;
import dev.steward.test.Datasets;
import dev.steward.test.ScratchDatabases;

/**
 * What every engine's {@link TableDataCapability} does with Chinook: keyset pages give every row exactly once (also
 * sorted by a column with duplicates and NULLs), filter values are bound (a hostile value matches nothing and drops
 * nothing), a row changed meanwhile refuses the whole change set, and NULL stays distinct from the empty string.
 * MongoDB holds Chinook's Track and Artist as collections keyed by {@code _id}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class TableDataContractIntegrationTests {

	private static final String HOSTILE = "x'; DROP TABLE t; --";

	enum Engine {
		POSTGRESQL(n -> n.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)),
		MARIADB(n -> n), SQLITE(n -> n), MONGODB(n -> n.endsWith("Id") && !n.equals("ArtistId") ? "_id" : n);

		final UnaryOperator<String> name;

		Engine(UnaryOperator<String> name) {
			this.name = name;
		}
	}

	private record Fixture(CatalogIntrospector catalog, TableDataCapability data, TestCatalogTargets.Target target,
			String database, String schema) {
	}

	private ScratchDatabases.Scratch postgres;

	private ScratchDatabases.Scratch mariadb;

	private Path sqliteDir;

	private MongoServer mongoServer;

	private MongoClient mongo;

	private Map<Engine, Fixture> fixtures;

	@BeforeAll
	void load() throws Exception {
		postgres = ScratchDatabases.postgres("data_chinook");
		Datasets.chinookPostgres(postgres);
		mariadb = ScratchDatabases.mariadb("data_chinook");
		Datasets.chinookMariaDb(mariadb);
		sqliteDir = Files.createTempDirectory("data-chinook");
		Path sqlite = Datasets.chinookSqlite(sqliteDir);
		mongoServer = new MongoServer(new MemoryBackend());
		InetSocketAddress address = mongoServer.bind();
		mongo = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
		copyToMongo(sqlite, "Track", "TrackId", "Name", "Composer", "Milliseconds");
		copyToMongo(sqlite, "Artist", "ArtistId", "Name");
		fixtures = Map.of(
				Engine.POSTGRESQL, new Fixture(PostgresTestCatalog.create(), new PostgresTableData(),
						TestCatalogTargets.postgres(postgres.name()), postgres.name(), "public"),
				Engine.MARIADB, new Fixture(MysqlTestCatalog.create(), new MysqlTableData(),
						TestCatalogTargets.mariadb(mariadb.name()), mariadb.name(), mariadb.name()),
				Engine.SQLITE, new Fixture(SqliteTestCatalog.create(), new SqliteTableData(),
						TestCatalogTargets.sqlite(sqlite.toString()), "main", "main"),
				Engine.MONGODB, new Fixture(MongoTestCatalog.create(), new MongoTableData(),
						TestCatalogTargets.mongo(mongo, "chinook"), "chinook", "chinook"));
	}

	/** Chinook rows into a collection, the key becoming {@code _id}. */
	private void copyToMongo(Path sqlite, String table, String key, String... fields) throws Exception {
		List<Document> docs = new ArrayList<>();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
				ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
			while (rs.next()) {
				Document d = new Document("_id", rs.getInt(key));
				for (String f : fields) {
					Object v = rs.getObject(f);
					d.append(f, v instanceof Long l ? Integer.valueOf(l.intValue()) : v);
				}
				docs.add(d);
			}
		}
		mongo.getDatabase("chinook").getCollection(table).insertMany(docs);
	}

	@AfterAll
	void drop() throws Exception {
		if (fixtures != null) {
			fixtures.values().forEach(f -> f.target().close());
		}
		if (postgres != null) {
			postgres.close();
		}
		if (mariadb != null) {
			mariadb.close();
		}
		if (mongoServer != null) {
			mongoServer.shutdownNow();
		}
		if (sqliteDir != null) {
			try (var files = Files.walk(sqliteDir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/** The relation as the service builds it from the catalog: the primary key is the key. */
	private Relation relation(Fixture f, String table) {
		ObjectDetail d = f.catalog().object(f.target(), new ObjectRef(f.database(), f.schema(), table, null))
			.orElseThrow();
		List<String> key = d.constraints().stream().filter(k -> k.type() == ConstraintType.PRIMARY_KEY).findFirst()
			.orElseThrow().columns();
		return new Relation(f.database(), d.summary().schema(), d.summary().name(), d.summary().kind(),
				d.columns().stream().map(c -> new Column(c.name(), c.dataType(), c.nullable())).toList(), key, true);
	}

	private static int column(Page page, String name) {
		for (int i = 0; i < page.columns().size(); i++) {
			if (page.columns().get(i).name().equals(name)) {
				return i;
			}
		}
		throw new AssertionError("no column " + name + " in " + page.columns());
	}

	/** Every page until the last, following the cursor (or the offset without one). */
	private List<List<@Nullable String>> all(Fixture f, Relation r, @Nullable Sort sort, List<Filter> filters, int size,
			List<Paging> pagings) {
		List<List<@Nullable String>> rows = new ArrayList<>();
		List<@Nullable String> after = null;
		for (int pages = 0; pages < 10_000; pages++) {
			Page page = f.data().read(f.target(), new PageRequest(r, sort, filters, after, rows.size(), size));
			pagings.add(page.paging());
			rows.addAll(page.rows());
			if (!page.hasMore()) {
				return rows;
			}
			after = page.nextAfter();
		}
		throw new AssertionError("paging never ended");
	}

	private String title(Fixture f, Relation r, String idColumn, String id, String column) {
		Page page = f.data().read(f.target(), new PageRequest(r, null,
				List.of(new Filter(idColumn, FilterOp.EQ, List.of(id))), null, 0, 10));
		assertThat(page.rows()).hasSize(1);
		return page.rows().getFirst().get(column(page, column));
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void keysetPagesGiveEveryRowExactlyOnceInOrder(Engine engine) {
		Fixture f = fixtures.get(engine);
		UnaryOperator<String> n = engine.name;
		Relation track = relation(f, n.apply("Track"));
		String id = n.apply("TrackId");
		List<Paging> pagings = new ArrayList<>();
		List<List<@Nullable String>> unsorted = all(f, track, null, List.of(), 400, pagings);
		assertThat(pagings).containsOnly(Paging.KEYSET);
		Page first = f.data().read(f.target(), new PageRequest(track, null, List.of(), null, 0, 1));
		int idAt = column(first, id);
		assertThat(unsorted).hasSize(3503);
		assertThat(unsorted.stream().map(r -> r.get(idAt)).distinct()).hasSize(3503);

		for (boolean descending : new boolean[] { false, true }) {
			// Composer repeats and is NULL for almost 1,000 tracks: the key breaks the ties
			List<List<@Nullable String>> sorted = all(f, track, new Sort(n.apply("Composer"), descending), List.of(),
					250, new ArrayList<>());
			int composerAt = column(first, n.apply("Composer"));
			assertThat(sorted.stream().map(r -> r.get(idAt)).distinct()).hasSize(3503);
			List<@Nullable String> composers = sorted.stream().map(r -> r.get(composerAt)).toList();
			if (engine != Engine.MONGODB) {
				// SQL engines put NULLs last both ways (MongoDB sorts them as its own type order says)
				int firstNull = composers.indexOf(null);
				assertThat(composers.subList(firstNull, composers.size())).containsOnlyNulls();
				assertThat(firstNull).isGreaterThan(2000);
			}
		}

		// a filter and a sort together, paged by 7
		List<Filter> filters = List.of(new Filter(n.apply("Name"), FilterOp.STARTS_WITH, List.of("a")));
		List<List<@Nullable String>> filtered = all(f, track, new Sort(n.apply("Milliseconds"), false), filters, 7,
				new ArrayList<>());
		long count = f.data().count(f.target(), track, filters, Duration.ofSeconds(10));
		assertThat(filtered).hasSize((int) count).hasSizeGreaterThan(100);
		assertThat(filtered.stream().map(r -> r.get(idAt)).distinct()).hasSize((int) count);
		int msAt = column(first, n.apply("Milliseconds"));
		List<Long> ms = filtered.stream().map(r -> Long.parseLong(r.get(msAt))).toList();
		assertThat(ms).isSorted();
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void filterValuesAreBoundNeverSpliced(Engine engine) {
		Fixture f = fixtures.get(engine);
		UnaryOperator<String> n = engine.name;
		Relation track = relation(f, n.apply("Track"));
		String name = n.apply("Name");
		for (FilterOp op : List.of(FilterOp.EQ, FilterOp.CONTAINS, FilterOp.STARTS_WITH, FilterOp.GT)) {
			List<Filter> hostile = List.of(new Filter(name, op, List.of(HOSTILE)));
			long matched = f.data().count(f.target(), track, hostile, Duration.ofSeconds(10));
			if (op != FilterOp.GT) {
				assertThat(matched).as(op.name()).isZero();
			}
			assertThat(f.data().read(f.target(), new PageRequest(track, null, hostile, null, 0, 5)).rows().size())
				.isEqualTo((int) Math.min(5, matched));
		}
		List<Filter> in = List.of(new Filter(name, FilterOp.IN, List.of(HOSTILE, "Balls to the Wall")));
		assertThat(f.data().count(f.target(), track, in, Duration.ofSeconds(10))).isEqualTo(1);
		// quotes in values match the rows that really have them
		List<Filter> apostrophe = List.of(new Filter(name, FilterOp.CONTAINS, List.of("'")));
		Page quoted = f.data().read(f.target(), new PageRequest(track, null, apostrophe, null, 0, 500));
		assertThat(quoted.rows()).isNotEmpty()
			.allSatisfy(r -> assertThat(r.get(column(quoted, name))).contains("'"));
		// the table is still there, whole
		assertThat(f.data().count(f.target(), track, List.of(), Duration.ofSeconds(10))).isEqualTo(3503);
		assertThat(f.data().count(f.target(), track, List.of(new Filter(n.apply("Composer"), FilterOp.IS_NULL,
				List.of())), Duration.ofSeconds(10))).isBetween(900L, 1000L);
	}

	private static Map<String, @Nullable String> map(String k, @Nullable String v) {
		Map<String, @Nullable String> m = new LinkedHashMap<>();
		m.put(k, v);
		return m;
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void aRowChangedMeanwhileRefusesTheWholeChangeSet(Engine engine) {
		Fixture f = fixtures.get(engine);
		UnaryOperator<String> n = engine.name;
		Relation artist = relation(f, n.apply("Artist"));
		String id = engine == Engine.MONGODB ? "_id" : n.apply("ArtistId");
		String name = n.apply("Name");
		assertThat(title(f, artist, id, "1", name)).isEqualTo("AC/DC");

		// someone else renames artist 1 after the grid read it
		f.data().apply(f.target(), artist, List.of(new RowChange(ChangeKind.UPDATE, map(id, "1"),
				map(name, "AC/DC"), map(name, "AC-DC"))));
		List<RowChange> stale = List.of(
				new RowChange(ChangeKind.UPDATE, map(id, "2"), map(name, "Accept"), map(name, "Accepted")),
				new RowChange(ChangeKind.UPDATE, map(id, "3"), map(name, "Aerosmith"), map(name, "Aero")),
				new RowChange(ChangeKind.UPDATE, map(id, "1"), map(name, "AC/DC"), map(name, "AC/DC II")));
		assertThatThrownBy(() -> f.data().apply(f.target(), artist, stale)).isInstanceOfSatisfying(RowConflict.class,
				e -> {
					assertThat(e.index()).isEqualTo(2);
					assertThat(e.getMessage()).contains("AC-DC");
				});
		assertThat(title(f, artist, id, "1", name)).isEqualTo("AC-DC");
		assertThat(title(f, artist, id, "2", name)).isEqualTo("Accept");
		assertThat(title(f, artist, id, "3", name)).isEqualTo("Aerosmith");
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void changesApplyTogetherAndNullIsNotEmpty(Engine engine) {
		Fixture f = fixtures.get(engine);
		UnaryOperator<String> n = engine.name;
		Relation artist = relation(f, n.apply("Artist"));
		String id = engine == Engine.MONGODB ? "_id" : n.apply("ArtistId");
		String name = n.apply("Name");
		Map<String, @Nullable String> nullName = map(id, "9001");
		nullName.put(name, null);
		Map<String, @Nullable String> emptyName = map(id, "9002");
		emptyName.put(name, "");
		TableData.ChangeResult result = f.data().apply(f.target(), artist, List.of(
				new RowChange(ChangeKind.INSERT, Map.of(), Map.of(), nullName),
				new RowChange(ChangeKind.INSERT, Map.of(), Map.of(), emptyName),
				new RowChange(ChangeKind.UPDATE, map(id, "4"), map(name, "Alanis Morissette"), map(name, HOSTILE))));
		assertThat(result).isEqualTo(new TableData.ChangeResult(1, 2, 0));
		assertThat(title(f, artist, id, "9001", name)).isNull();
		assertThat(title(f, artist, id, "9002", name)).isEmpty();
		assertThat(title(f, artist, id, "4", name)).isEqualTo(HOSTILE);
		assertThat(f.data().apply(f.target(), artist, List.of(new RowChange(ChangeKind.DELETE, map(id, "9002"),
				map(name, ""), Map.of())))).isEqualTo(new TableData.ChangeResult(0, 0, 1));
		assertThat(f.data().count(f.target(), artist, List.of(new Filter(id, FilterOp.EQ, List.of("9002"))),
				Duration.ofSeconds(5))).isZero();

		if (engine != Engine.MONGODB) {
			// a failing statement in the middle (a duplicate key) undoes the ones before it
			List<RowChange> failing = List.of(
					new RowChange(ChangeKind.UPDATE, map(id, "5"), map(name, "Alice In Chains"), map(name, "AIC")),
					new RowChange(ChangeKind.INSERT, Map.of(), Map.of(), map(id, "9001")));
			assertThatThrownBy(() -> f.data().apply(f.target(), artist, failing))
				.isInstanceOf(StatementFailed.class);
			assertThat(title(f, artist, id, "5", name)).isEqualTo("Alice In Chains");
		}
		if (engine != Engine.MONGODB) {
			// the reviewed SQL carries the value as a parameter (MongoDB's shows it as a JSON string)
			Statement planned = f.data().plan(artist, List.of(new RowChange(ChangeKind.UPDATE, map(id, "4"), Map.of(),
					map(name, HOSTILE)))).getFirst();
			assertThat(planned.sql()).doesNotContain("DROP");
			assertThat(planned.params()).contains(HOSTILE);
		}
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void offsetPagingWithoutAKeySaysSo(Engine engine) {
		Fixture f = fixtures.get(engine);
		UnaryOperator<String> n = engine.name;
		Relation keyed = relation(f, n.apply("Artist"));
		Relation keyless = new Relation(keyed.database(), keyed.schema(), keyed.name(), keyed.kind(),
				keyed.columns(), List.of(), false);
		List<Paging> pagings = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		String id = engine == Engine.MONGODB ? "_id" : n.apply("ArtistId");
		Page first = f.data().read(f.target(), new PageRequest(keyed, null, List.of(), null, 0, 1));
		for (List<@Nullable String> row : all(f, keyless, new Sort(id, false), List.of(), 50, pagings)) {
			ids.add(row.get(column(first, id)));
		}
		assertThat(ids).hasSizeGreaterThanOrEqualTo(275);
		if (engine != Engine.MONGODB) {
			assertThat(pagings).containsOnly(Paging.OFFSET);
		}
	}
}
