package dev.steward.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ForeignKeyInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.engine.TestCatalogTargets;
import dev.steward.test.Datasets;
import dev.steward.test.ScratchDatabases;

/** PostgreSQL introspection against the real server with Chinook, Pagila and deliberately hostile names. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class PostgresCatalogIntegrationTests {

	static ScratchDatabases.Scratch chinook;

	static ScratchDatabases.Scratch pagila;

	static TestCatalogTargets.Target chinookTarget;

	static TestCatalogTargets.Target pagilaTarget;

	final PostgresCatalog catalog = new PostgresCatalog(new PostgresClientTools(List.of()));

	@BeforeAll
	static void load() {
		chinook = ScratchDatabases.postgres("cat_chinook");
		Datasets.chinookPostgres(chinook);
		pagila = ScratchDatabases.postgres("cat_pagila");
		Datasets.pagilaPostgres(pagila);
		chinookTarget = TestCatalogTargets.postgres(chinook.name());
		pagilaTarget = TestCatalogTargets.postgres(pagila.name());
	}

	@AfterAll
	static void drop() {
		chinookTarget.close();
		pagilaTarget.close();
		chinook.close();
		pagila.close();
	}

	private ObjectPage page(TestCatalogTargets.Target target, String db, ObjectKind kind, String q, int page, int size) {
		return catalog.objects(target, new ObjectQuery(db, "public", kind, q, page, size, SortKey.NAME, false));
	}

	private ObjectDetail detail(TestCatalogTargets.Target target, String db, String name) {
		return catalog.object(target, new ObjectRef(db, "public", name, null)).orElseThrow();
	}

	@Test
	void chinookTablesAreListedInNameOrderWithTheirPrimaryKeys() {
		ObjectPage tables = page(chinookTarget, chinook.name(), ObjectKind.TABLE, null, 0, 50);
		assertThat(tables.totalElements()).isEqualTo(11);
		assertThat(tables.items()).extracting(ObjectSummary::name).startsWith("album", "artist", "customer")
			.contains("invoice", "invoice_line", "playlist_track", "track");
		assertThat(tables.items()).allSatisfy(t -> assertThat(t.hasPrimaryKey()).isTrue());
	}

	@Test
	void invoiceKeysAndTypesInPostgresTerms() {
		ObjectDetail invoice = detail(chinookTarget, chinook.name(), "invoice");
		assertThat(invoice.foreignKeys()).singleElement()
			.satisfies(fk -> assertThat(fk.referencedSchema()).isEqualTo("public"));
		ColumnInfo customerId = invoice.columns().stream().filter(c -> c.name().equals("customer_id")).findFirst()
			.orElseThrow();
		assertThat(customerId.foreignKey()).isTrue();
		assertThat(customerId.indexed()).isTrue();
		assertThat(customerId.dataType()).isEqualTo("integer");
		assertThat(invoice.columns().stream().filter(c -> c.name().equals("billing_address")).findFirst().orElseThrow()
			.dataType()).isEqualTo("character varying(70)");

		ObjectDetail customer = detail(chinookTarget, chinook.name(), "customer");
		assertThat(customer.foreignKeys()).extracting(ForeignKeyInfo::referencedTable).containsExactly("employee");
		ObjectDetail employee = detail(chinookTarget, chinook.name(), "employee");
		assertThat(employee.foreignKeys()).extracting(ForeignKeyInfo::referencedTable).containsExactly("employee");
		assertThat(customer.stats().totalBytes()).isPositive();
	}

	@Test
	void pagesFiltersAndSortsInTheDatabase() {
		ObjectPage first = page(chinookTarget, chinook.name(), ObjectKind.TABLE, null, 0, 4);
		ObjectPage third = page(chinookTarget, chinook.name(), ObjectKind.TABLE, null, 2, 4);
		assertThat(first.items()).extracting(ObjectSummary::name).containsExactly("album", "artist", "customer",
				"employee");
		assertThat(third.items()).extracting(ObjectSummary::name).containsExactly("playlist", "playlist_track", "track");
		assertThat(third.totalElements()).isEqualTo(11);
		assertThat(page(chinookTarget, chinook.name(), ObjectKind.TABLE, null, 9, 4).totalElements()).isEqualTo(11);

		ObjectPage filtered = page(chinookTarget, chinook.name(), ObjectKind.TABLE, "INVOICE", 0, 10);
		assertThat(filtered.items()).extracting(ObjectSummary::name).containsExactly("invoice", "invoice_line");
		// LIKE wildcards in the filter are literal characters
		assertThat(page(chinookTarget, chinook.name(), ObjectKind.TABLE, "%", 0, 10).totalElements()).isZero();
		assertThat(page(chinookTarget, chinook.name(), ObjectKind.TABLE, "_", 0, 10).items())
			.extracting(ObjectSummary::name).containsExactly("invoice_line", "media_type", "playlist_track");

		ObjectPage bySize = catalog.objects(chinookTarget,
				new ObjectQuery(chinook.name(), "public", ObjectKind.TABLE, null, 0, 3, SortKey.SIZE, true));
		// measured on the server: playlist_track (8715 rows, composite key) outweighs track
		assertThat(bySize.items()).extracting(ObjectSummary::name).containsExactly("playlist_track", "track",
				"invoice_line");
		assertThat(bySize.items().get(0).sizeBytes()).isGreaterThanOrEqualTo(bySize.items().get(1).sizeBytes());
	}

	@Test
	void ddlComesFromPgDump() {
		String ddl = catalog.ddl(chinookTarget, new ObjectRef(chinook.name(), "public", "invoice", null)).orElseThrow();
		assertThat(ddl).contains("CREATE TABLE public.invoice (").contains("customer_id integer NOT NULL")
			.contains("ADD CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id)")
			.doesNotContain("SET statement_timeout");
		assertThat(catalog.ddl(chinookTarget, new ObjectRef(chinook.name(), "public", "nope", ObjectKind.TABLE)))
			.isEmpty();
	}

	// which pg_dump the DDL uses is PostgresClientTools' choice, asserted in its own tests
	@Test
	void pgDumpPatternsQuoteEachPartLiterally() {
		assertThat(PostgresCatalog.dumpPattern("my \"odd\" schema", "a.b*c"))
			.isEqualTo("\"my \"\"odd\"\" schema\".\"a.b*c\"");
	}

	@Test
	void pagilaViewsMaterializedViewsFunctionsTriggersTypesAndPartitions() {
		String db = pagila.name();
		assertThat(page(pagilaTarget, db, ObjectKind.VIEW, null, 0, 50).items()).extracting(ObjectSummary::name)
			.containsExactly("actor_info", "customer_list", "film_list", "nicer_but_slower_film_list",
					"sales_by_film_category", "sales_by_store", "staff_list");
		assertThat(page(pagilaTarget, db, ObjectKind.MATERIALIZED_VIEW, null, 0, 50).items())
			.extracting(ObjectSummary::name).containsExactly("rental_by_category");
		assertThat(page(pagilaTarget, db, ObjectKind.FUNCTION, null, 0, 50).items()).extracting(ObjectSummary::name)
			.containsExactly("_group_concat", "film_in_stock", "film_not_in_stock", "get_customer_balance",
					"group_concat", "inventory_held_by_customer", "inventory_in_stock", "last_day", "last_updated",
					"rewards_report");
		assertThat(page(pagilaTarget, db, ObjectKind.ENUM, null, 0, 50).items()).singleElement()
			.satisfies(e -> {
				assertThat(e.name()).isEqualTo("mpaa_rating");
				assertThat(e.info()).isEqualTo("'G', 'PG', 'PG-13', 'R', 'NC-17'");
			});
		assertThat(page(pagilaTarget, db, ObjectKind.DOMAIN, null, 0, 50).items()).extracting(ObjectSummary::name)
			.containsExactlyInAnyOrder("year", "bıgınt");
		ObjectPage triggers = page(pagilaTarget, db, ObjectKind.TRIGGER, null, 0, 50);
		assertThat(triggers.totalElements()).isEqualTo(15);
		assertThat(triggers.items()).extracting(ObjectSummary::name).contains("film_fulltext_trigger", "last_updated");

		ObjectPage partitioned = page(pagilaTarget, db, ObjectKind.PARTITIONED_TABLE, null, 0, 50);
		assertThat(partitioned.items()).extracting(ObjectSummary::name).containsExactly("payment");
		ObjectDetail payment = detail(pagilaTarget, db, "payment");
		assertThat(payment.summary().kind()).isEqualTo(ObjectKind.PARTITIONED_TABLE);
		assertThat(payment.partitions()).hasSize(55).startsWith("payment_p2022_01").endsWith("payment_p2026_07");
		assertThat(payment.properties().get("partitionKey")).isEqualTo("RANGE (payment_date)");
		ObjectPage tables = page(pagilaTarget, db, ObjectKind.TABLE, "payment_p2022", 0, 50);
		assertThat(tables.items()).allSatisfy(p -> assertThat(p.parent()).isEqualTo("payment"));
		assertThat(page(pagilaTarget, db, ObjectKind.TABLE, null, 0, 1).totalElements()).isEqualTo(14 + 55);

		ObjectDetail film = detail(pagilaTarget, db, "film");
		assertThat(film.triggers()).extracting(t -> t.name() + " " + t.timing() + " " + t.events() + " " + t.level())
			.containsExactly("film_fulltext_trigger BEFORE [INSERT, UPDATE] ROW",
					"last_updated BEFORE [UPDATE] ROW");
		assertThat(film.columns().stream().filter(c -> c.name().equals("rating")).findFirst().orElseThrow()
			.dataType()).isEqualTo("mpaa_rating");
		assertThat(film.columns().stream().filter(c -> c.name().equals("release_year")).findFirst().orElseThrow()
			.dataType()).isEqualTo("year");
		assertThat(film.columns().stream().filter(c -> c.name().equals("film_id")).findFirst().orElseThrow()
			.defaultValue()).isEqualTo("nextval('film_film_id_seq'::regclass)");

		ObjectDetail view = detail(pagilaTarget, db, "actor_info");
		assertThat(view.summary().kind()).isEqualTo(ObjectKind.VIEW);
		assertThat(view.definition()).containsIgnoringCase("SELECT");
		assertThat(view.columns()).extracting(ColumnInfo::name).startsWith("actor_id", "first_name");

		ObjectDetail fn = catalog.object(pagilaTarget, new ObjectRef(db, "public", "get_customer_balance",
				ObjectKind.FUNCTION)).orElseThrow();
		assertThat(fn.properties()).containsEntry("language", "plpgsql").containsEntry("returns", "numeric");
		assertThat(fn.definition()).startsWith("CREATE OR REPLACE FUNCTION public.get_customer_balance(");

		ObjectDetail year = catalog.object(pagilaTarget, new ObjectRef(db, "public", "year", null)).orElseThrow();
		assertThat(year.summary().kind()).isEqualTo(ObjectKind.DOMAIN);
		assertThat(year.definition()).startsWith("CREATE DOMAIN public.year AS integer").contains("CHECK");

		ObjectDetail seq = catalog.object(pagilaTarget, new ObjectRef(db, "public", "film_film_id_seq", null))
			.orElseThrow();
		assertThat(seq.summary().kind()).isEqualTo(ObjectKind.SEQUENCE);
		// Pagila creates its sequences without OWNED BY
		assertThat(seq.properties()).containsEntry("increment", "1").containsEntry("type", "bigint")
			.doesNotContainKey("ownedBy");
		assertThat(film.columns().stream().filter(c -> c.name().equals("length_hours")).findFirst().orElseThrow()
			.generated()).isEqualTo("round(((length)::numeric / 60.0), 2)");

		Map<String, Long> counts = catalog.schemas(pagilaTarget, db).stream().filter(s -> s.name().equals("public"))
			.findFirst().orElseThrow().objectCounts();
		assertThat(counts).containsEntry("view", 7L).containsEntry("materialized_view", 1L)
			.containsEntry("partitioned_table", 1L).containsEntry("table", 69L).containsEntry("function", 10L)
			.containsEntry("trigger", 15L).containsEntry("enum", 1L).containsEntry("domain", 2L);
	}

	@Test
	void hostileNamesBrowseAndCannotInject() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("cat_hostile");
				TestCatalogTargets.Target target = TestCatalogTargets.postgres(db.name())) {
			db.exec("CREATE SCHEMA \"we'ird \"\"schema\"\"\"",
					"CREATE TABLE \"we'ird \"\"schema\"\"\".\"Robert'); DROP TABLE victim;--\" "
							+ "(\"select\" int PRIMARY KEY, \"a.b c\" text, \"名前 ü\" text, \"x\"\"y\" int)",
					"CREATE TABLE public.victim (id serial)",
					"INSERT INTO \"we'ird \"\"schema\"\"\".\"Robert'); DROP TABLE victim;--\" VALUES (1, 'a', 'b', 2), (2, null, null, null)",
					"CREATE TABLE public.\"my.table\" (\"from\" int REFERENCES \"we'ird \"\"schema\"\"\".\"Robert'); DROP TABLE victim;--\"(\"select\"))");
			String schema = "we'ird \"schema\"";
			String table = "Robert'); DROP TABLE victim;--";
			assertThat(catalog.schemas(target, db.name())).extracting(s -> s.name()).contains(schema, "public");
			ObjectPage page = catalog.objects(target,
					new ObjectQuery(db.name(), schema, null, "robert'", 0, 10, SortKey.NAME, false));
			assertThat(page.items()).extracting(ObjectSummary::name).containsExactly(table);
			ObjectDetail detail = catalog.object(target, new ObjectRef(db.name(), schema, table, null)).orElseThrow();
			assertThat(detail.columns()).extracting(ColumnInfo::name).containsExactly("select", "a.b c", "名前 ü",
					"x\"y");
			assertThat(detail.referencedBy()).singleElement().satisfies(fk -> {
				assertThat(fk.table()).isEqualTo("my.table");
				assertThat(fk.columns()).containsExactly("from");
			});
			assertThat(catalog.exactCount(target, new ObjectRef(db.name(), schema, table, null), Duration.ofSeconds(5)))
				.contains(2L);
			assertThat(catalog.ddl(target, new ObjectRef(db.name(), schema, table, null)).orElseThrow())
				.contains("\"名前 ü\" text").contains("\"x\"\"y\" integer");
			assertThat(catalog.ddl(target, new ObjectRef(db.name(), "public", "my.table", null)).orElseThrow())
				.contains("CREATE TABLE public.\"my.table\"");
			// a name that is a pattern must not match other tables
			assertThat(catalog.ddl(target, new ObjectRef(db.name(), "public", "vic*", null))).isEmpty();
			assertThat(catalog.exactCount(target, new ObjectRef(db.name(), "public", "victim", null),
					Duration.ofSeconds(5))).contains(0L);
			assertThat(catalog.object(target, new ObjectRef(db.name(), "public", "victim_id_seq", ObjectKind.SEQUENCE))
				.orElseThrow().properties()).containsEntry("ownedBy", "public.victim.id");
		}
	}

	@Test
	void pagilaTriggersThatShareANameAreEachAddressedByTheirTable() {
		String db = pagila.name();
		ObjectPage named = page(pagilaTarget, db, ObjectKind.TRIGGER, "last_updated", 0, 50);
		assertThat(named.totalElements()).isEqualTo(14);
		assertThat(named.items()).extracting(ObjectSummary::name).containsOnly("last_updated");
		assertThat(named.items()).extracting(ObjectSummary::parent).doesNotHaveDuplicates().hasSize(14)
			.contains("actor", "film", "store");

		ObjectRef onFilm = new ObjectRef(db, "public", "last_updated", ObjectKind.TRIGGER, "film", null);
		ObjectDetail film = catalog.object(pagilaTarget, onFilm).orElseThrow();
		assertThat(film.summary().parent()).isEqualTo("film");
		assertThat(film.properties()).containsEntry("table", "film");
		assertThat(film.definition()).containsPattern("ON (public\\.)?film FOR EACH ROW");
		assertThat(catalog.ddl(pagilaTarget, onFilm).orElseThrow()).containsPattern("ON (public\\.)?film FOR EACH ROW")
			.doesNotContain("actor");
		ObjectRef onStore = new ObjectRef(db, "public", "last_updated", ObjectKind.TRIGGER, "store", null);
		assertThat(catalog.ddl(pagilaTarget, onStore).orElseThrow()).containsPattern("ON (public\\.)?store FOR EACH");
		// a table without such a trigger names nothing
		assertThat(catalog.object(pagilaTarget,
				new ObjectRef(db, "public", "last_updated", ObjectKind.TRIGGER, "payment_p2022_01", null))).isEmpty();
		// an old link without the table still answers (the first by table name)
		assertThat(catalog.object(pagilaTarget, new ObjectRef(db, "public", "last_updated", ObjectKind.TRIGGER))
			.orElseThrow().summary().parent()).isEqualTo("actor");
	}

	@Test
	void overloadedFunctionsAreEachAddressedByTheirSignature() {
		String db = pagila.name();
		pagila.exec("CREATE SCHEMA overloads",
				"CREATE FUNCTION overloads.area(side integer) RETURNS integer LANGUAGE sql AS 'SELECT side * side'",
				"CREATE FUNCTION overloads.area(w integer, h numeric) RETURNS numeric LANGUAGE sql AS 'SELECT w * h'",
				"CREATE FUNCTION overloads.area() RETURNS integer LANGUAGE sql AS 'SELECT 0'");
		ObjectPage functions = catalog.objects(pagilaTarget,
				new ObjectQuery(db, "overloads", ObjectKind.FUNCTION, null, 0, 50, SortKey.NAME, false));
		assertThat(functions.items()).extracting(f -> f.name() + "(" + f.signature() + ")")
			.containsExactly("area()", "area(integer)", "area(integer, numeric)");

		ObjectRef two = new ObjectRef(db, "overloads", "area", ObjectKind.FUNCTION, null, "integer, numeric");
		ObjectDetail detail = catalog.object(pagilaTarget, two).orElseThrow();
		assertThat(detail.summary().signature()).isEqualTo("integer, numeric");
		assertThat(detail.properties()).doesNotContainKey("overloads");
		assertThat(detail.definition()).contains("area(w integer, h numeric)").doesNotContain("side integer");
		assertThat(catalog.ddl(pagilaTarget, two).orElseThrow()).contains("SELECT w * h").doesNotContain("side * side");
		ObjectRef one = new ObjectRef(db, "overloads", "area", ObjectKind.FUNCTION, null, "integer");
		assertThat(catalog.ddl(pagilaTarget, one).orElseThrow()).contains("side * side").doesNotContain("w * h");
		ObjectRef none = new ObjectRef(db, "overloads", "area", ObjectKind.FUNCTION, null, "");
		assertThat(catalog.ddl(pagilaTarget, none).orElseThrow()).contains("SELECT 0").doesNotContain("side");
		assertThat(catalog.object(pagilaTarget,
				new ObjectRef(db, "overloads", "area", ObjectKind.FUNCTION, null, "text"))).isEmpty();
	}

	@Test
	void snapshotKeysOfInvoice() {
		List<SnapshotObject> snapshot = catalog.snapshot(chinookTarget);
		SnapshotObject invoice = snapshot.stream().filter(o -> o.name().equals("invoice")).findFirst().orElseThrow();
		assertThat(invoice.keys()).extracting(k -> k.type() + " " + k.columns() + " " + k.referencedTable())
			.containsExactly("FOREIGN_KEY [customer_id] customer", "PRIMARY_KEY [invoice_id] null");
		assertThat(invoice.columns().get(0).primaryKey()).isTrue();
	}

	@Test
	void anUnknownDatabaseIsUnavailable() {
		assertThatThrownBy(() -> catalog.schemas(chinookTarget, "no_such_db_" + System.nanoTime()))
			.hasMessageContaining("does not exist");
	}
}
