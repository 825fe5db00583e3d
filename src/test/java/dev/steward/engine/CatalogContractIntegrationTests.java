package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.steward.engine.CatalogModel.ConstraintType;
import dev.steward.engine.CatalogModel.ForeignKeyInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.engine.mysql.MysqlTestCatalog;
import dev.steward.engine.postgres.PostgresTestCatalog;
import dev.steward.engine.sqlite.SqliteTestCatalog;
import dev.steward.test.Datasets;
import dev.steward.test.ScratchDatabases;

/**
 * What every SQL engine's {@link CatalogIntrospector} answers about Chinook, asserted once for all of them: eleven
 * tables with 64 columns, eleven primary and eleven foreign keys, Invoice → Customer, exact counts, paging and the
 * snapshot. What differs (names' case, where a database's tables live, how many indexes back the keys) is the
 * fixture's; engine-specific details (types, DDL text, hostile names) stay in each engine's own tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class CatalogContractIntegrationTests {

	/** Chinook as each engine has it. {@code name} maps the dataset's table and column names to the engine's. */
	enum Engine {
		POSTGRESQL(22, CatalogContractIntegrationTests::snakeCase), MARIADB(22, n -> n),
		// 11 explicit indexes plus the automatic one behind PlaylistTrack's composite key
		SQLITE(12, n -> n);

		final int indexes;

		final UnaryOperator<String> name;

		Engine(int indexes, UnaryOperator<String> name) {
			this.indexes = indexes;
			this.name = name;
		}
	}

	private record Fixture(CatalogIntrospector catalog, TestCatalogTargets.Target target, String database,
			String schema) {
	}

	private ScratchDatabases.Scratch postgres;

	private ScratchDatabases.Scratch mariadb;

	private Path sqliteDir;

	private Map<Engine, Fixture> fixtures;

	@BeforeAll
	void load() throws Exception {
		postgres = ScratchDatabases.postgres("contract_chinook");
		Datasets.chinookPostgres(postgres);
		mariadb = ScratchDatabases.mariadb("contract_chinook");
		Datasets.chinookMariaDb(mariadb);
		sqliteDir = Files.createTempDirectory("contract-chinook");
		Path sqlite = Datasets.chinookSqlite(sqliteDir);
		fixtures = Map.of(
				Engine.POSTGRESQL, new Fixture(PostgresTestCatalog.create(),
						TestCatalogTargets.postgres(postgres.name()), postgres.name(), "public"),
				Engine.MARIADB, new Fixture(MysqlTestCatalog.create(), TestCatalogTargets.mariadb(mariadb.name()),
						mariadb.name(), mariadb.name()),
				Engine.SQLITE, new Fixture(SqliteTestCatalog.create(), TestCatalogTargets.sqlite(sqlite.toString()), "main",
						"main"));
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
		if (sqliteDir != null) {
			try (var files = Files.walk(sqliteDir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private static String snakeCase(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

	private ObjectPage tables(Fixture f, int page, int size) {
		return f.catalog().objects(f.target(),
				new ObjectQuery(f.database(), f.schema(), ObjectKind.TABLE, null, page, size, SortKey.NAME, false));
	}

	private ObjectRef ref(Fixture f, String name) {
		return new ObjectRef(f.database(), f.schema(), name, null);
	}

	private ObjectDetail detail(Fixture f, String name) {
		return f.catalog().object(f.target(), ref(f, name)).orElseThrow();
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void elevenTablesWithTheirColumnsKeysAndIndexes(Engine engine) {
		Fixture f = fixtures.get(engine);
		ObjectPage tables = tables(f, 0, 50);
		assertThat(tables.totalElements()).isEqualTo(11);
		assertThat(tables.items()).extracting(ObjectSummary::name)
			.contains(engine.name.apply("Invoice"), engine.name.apply("InvoiceLine"), engine.name.apply("Track"));
		int columns = 0;
		int pks = 0;
		int fks = 0;
		int indexes = 0;
		for (ObjectSummary t : tables.items()) {
			ObjectDetail d = detail(f, t.name());
			columns += d.columns().size();
			pks += (int) d.constraints().stream().filter(k -> k.type() == ConstraintType.PRIMARY_KEY).count();
			fks += d.foreignKeys().size();
			indexes += d.indexes().size();
		}
		assertThat(columns).isEqualTo(64);
		assertThat(pks).isEqualTo(11);
		assertThat(fks).isEqualTo(11);
		assertThat(indexes).isEqualTo(engine.indexes);
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void invoiceReferencesCustomerAndCustomerKnowsIt(Engine engine) {
		Fixture f = fixtures.get(engine);
		UnaryOperator<String> n = engine.name;
		ObjectDetail invoice = detail(f, n.apply("Invoice"));
		assertThat(invoice.foreignKeys()).singleElement().satisfies(fk -> {
			assertThat(fk.columns()).containsExactly(n.apply("CustomerId"));
			assertThat(fk.referencedTable()).isEqualTo(n.apply("Customer"));
			assertThat(fk.referencedColumns()).containsExactly(n.apply("CustomerId"));
			assertThat(fk.onDelete()).isEqualTo("NO ACTION");
		});
		assertThat(invoice.columns().get(0).primaryKey()).isTrue();
		assertThat(detail(f, n.apply("Customer")).referencedBy()).extracting(ForeignKeyInfo::table)
			.containsExactly(n.apply("Invoice"));
		// Employee.ReportsTo references Employee itself: both directions
		assertThat(detail(f, n.apply("Employee")).referencedBy()).extracting(ForeignKeyInfo::table)
			.containsExactlyInAnyOrder(n.apply("Customer"), n.apply("Employee"));
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void exactCountsAreTheRealNumbersAndAMissingObjectHasNone(Engine engine) {
		Fixture f = fixtures.get(engine);
		Duration timeout = Duration.ofSeconds(5);
		assertThat(f.catalog().exactCount(f.target(), ref(f, engine.name.apply("InvoiceLine")), timeout))
			.contains(2240L);
		assertThat(f.catalog().exactCount(f.target(), ref(f, engine.name.apply("Track")), timeout)).contains(3503L);
		assertThat(f.catalog().exactCount(f.target(), ref(f, "Nope"), timeout)).isEmpty();
		assertThat(f.catalog().object(f.target(), ref(f, "Nope"))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void pagesAreCutByTheEngine(Engine engine) {
		Fixture f = fixtures.get(engine);
		ObjectPage last = tables(f, 2, 5);
		assertThat(last.items()).extracting(ObjectSummary::name).containsExactly(engine.name.apply("Track"));
		assertThat(last.totalElements()).isEqualTo(11);
		assertThat(tables(f, 9, 5).items()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void theSnapshotHoldsEveryTableWithItsColumnsAndForeignKeys(Engine engine) {
		Fixture f = fixtures.get(engine);
		List<SnapshotObject> snapshot = f.catalog().snapshot(f.target());
		assertThat(snapshot).hasSize(11);
		assertThat(snapshot.stream().mapToInt(o -> o.columns().size()).sum()).isEqualTo(64);
		assertThat(snapshot.stream().flatMap(o -> o.keys().stream()).filter(k -> k.type().equals("FOREIGN_KEY")))
			.hasSize(11);
	}
}
