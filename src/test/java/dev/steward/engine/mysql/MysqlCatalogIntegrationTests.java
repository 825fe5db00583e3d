package dev.steward.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.engine.TestCatalogTargets;
import dev.steward.test.Datasets;
import dev.steward.test.ScratchDatabases;

/** MariaDB introspection on the machine's real server with Chinook and hostile names. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MysqlCatalogIntegrationTests {

	static ScratchDatabases.Scratch chinook;

	static TestCatalogTargets.Target target;

	final MysqlCatalog catalog = new MysqlCatalog();

	@BeforeAll
	static void load() {
		chinook = ScratchDatabases.mariadb("cat_chinook");
		Datasets.chinookMariaDb(chinook);
		target = TestCatalogTargets.mariadb(chinook.name());
	}

	@AfterAll
	static void drop() {
		target.close();
		chinook.close();
	}

	private ObjectDetail detail(String name) {
		return catalog.object(target, new ObjectRef(chinook.name(), chinook.name(), name, null)).orElseThrow();
	}

	@Test
	void chinookDatabaseSchemaAndTablesInMariadbTerms() {
		assertThat(catalog.databases(target)).anySatisfy(d -> {
			assertThat(d.name()).isEqualTo(chinook.name());
			assertThat(d.isDefault()).isTrue();
		});
		assertThat(catalog.schemas(target, chinook.name())).singleElement()
			.satisfies(s -> assertThat(s.objectCounts()).containsEntry("table", 11L));
		ObjectPage tables = catalog.objects(target,
				new ObjectQuery(chinook.name(), chinook.name(), ObjectKind.TABLE, null, 0, 50, SortKey.NAME, false));
		assertThat(tables.totalElements()).isEqualTo(11);
		assertThat(tables.items()).extracting(ObjectSummary::name).containsExactly("Album", "Artist", "Customer",
				"Employee", "Genre", "Invoice", "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track");
		assertThat(tables.items()).allSatisfy(t -> {
			assertThat(t.hasPrimaryKey()).isTrue();
			assertThat(t.info()).isEqualTo("InnoDB");
		});
	}

	@Test
	void invoiceKeysAndTypesInMariadbTerms() {
		ObjectDetail invoice = detail("Invoice");
		assertThat(invoice.foreignKeys()).singleElement()
			.satisfies(fk -> assertThat(fk.name()).isEqualTo("FK_InvoiceCustomerId"));
		ColumnInfo total = invoice.columns().stream().filter(c -> c.name().equals("Total")).findFirst().orElseThrow();
		assertThat(total.dataType()).isEqualTo("decimal(10,2)");
		assertThat(total.nullable()).isFalse();
		assertThat(invoice.stats().properties()).containsEntry("engine", "InnoDB");
	}

	@Test
	void ddlFilterAndSortByRows() {
		assertThat(catalog.ddl(target, new ObjectRef(chinook.name(), chinook.name(), "Invoice", null)).orElseThrow())
			.startsWith("CREATE TABLE `Invoice`")
			.contains("CONSTRAINT `FK_InvoiceCustomerId` FOREIGN KEY (`CustomerId`) REFERENCES `Customer` (`CustomerId`)");
		ObjectPage filtered = catalog.objects(target, new ObjectQuery(chinook.name(), chinook.name(), null, "invoice",
				0, 10, SortKey.NAME, false));
		assertThat(filtered.items()).extracting(ObjectSummary::name).containsExactly("Invoice", "InvoiceLine");
		ObjectPage byRows = catalog.objects(target, new ObjectQuery(chinook.name(), chinook.name(), ObjectKind.TABLE,
				null, 0, 1, SortKey.ROWS, true));
		assertThat(byRows.items()).extracting(ObjectSummary::name).containsExactly("PlaylistTrack");
	}

	@Test
	void hostileNamesRoutinesTriggersAndEvents() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.mariadb("cat_hostile");
				TestCatalogTargets.Target t = TestCatalogTargets.mariadb(db.name())) {
			String table = "Robert`); DROP TABLE victim;-- ü.x";
			db.exec("CREATE TABLE victim (id int primary key)",
					"CREATE TABLE `Robert``); DROP TABLE victim;-- ü.x` (`select` int primary key, `a'b \"c` int,"
							+ " CONSTRAINT `fk odd` FOREIGN KEY (`a'b \"c`) REFERENCES victim(id) ON DELETE CASCADE)",
					"INSERT INTO victim VALUES (1), (2)",
					"INSERT INTO `Robert``); DROP TABLE victim;-- ü.x` VALUES (10, 1)",
					"CREATE FUNCTION `add one`(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
					"CREATE TRIGGER `tr` BEFORE INSERT ON victim FOR EACH ROW SET NEW.id = NEW.id",
					"CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM victim WHERE id < 0");
			ObjectDetail d = catalog.object(t, new ObjectRef(db.name(), db.name(), table, null)).orElseThrow();
			assertThat(d.columns()).extracting(ColumnInfo::name).containsExactly("select", "a'b \"c");
			assertThat(d.foreignKeys()).singleElement().satisfies(fk -> {
				assertThat(fk.name()).isEqualTo("fk odd");
				assertThat(fk.onDelete()).isEqualTo("CASCADE");
			});
			assertThat(catalog.exactCount(t, new ObjectRef(db.name(), db.name(), table, null), Duration.ofSeconds(5)))
				.contains(1L);
			assertThat(catalog.ddl(t, new ObjectRef(db.name(), db.name(), table, null)).orElseThrow())
				.contains("`a'b \"c` int");
			assertThat(catalog.exactCount(t, new ObjectRef(db.name(), db.name(), "victim", null), Duration.ofSeconds(5)))
				.contains(2L);
			assertThat(catalog.objects(t, new ObjectQuery(db.name(), db.name(), ObjectKind.FUNCTION, null, 0, 10,
					SortKey.NAME, false)).items()).extracting(ObjectSummary::name).containsExactly("add one");
			assertThat(catalog.objects(t, new ObjectQuery(db.name(), db.name(), ObjectKind.TRIGGER, null, 0, 10,
					SortKey.NAME, false)).items()).singleElement().satisfies(tr -> assertThat(tr.parent()).isEqualTo("victim"));
			assertThat(catalog.objects(t, new ObjectQuery(db.name(), db.name(), ObjectKind.EVENT, null, 0, 10,
					SortKey.NAME, false)).items()).extracting(ObjectSummary::name).containsExactly("nightly");
			assertThat(catalog.ddl(t, new ObjectRef(db.name(), db.name(), "add one", null)).orElseThrow())
				.contains("FUNCTION `add one`");
			assertThat(catalog.object(t, new ObjectRef(db.name(), db.name(), "tr", ObjectKind.TRIGGER, "victim", null))
				.orElseThrow().summary().parent()).isEqualTo("victim");
			assertThat(catalog.object(t, new ObjectRef(db.name(), db.name(), "tr", ObjectKind.TRIGGER, table, null)))
				.isEmpty();
			assertThat(catalog.object(t, new ObjectRef(db.name(), db.name(), "tr", ObjectKind.TRIGGER))).isPresent();
			assertThat(catalog.object(t, new ObjectRef(db.name(), db.name(), "victim", null)).orElseThrow().triggers())
				.extracting(tr -> tr.name() + " " + tr.timing() + " " + tr.events()).containsExactly("tr BEFORE [INSERT]");
		}
	}

	@Test
	void indexesThatShareANameOnTwoTablesEachShowTheirOwnColumns() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.mariadb("cat_sameidx");
				TestCatalogTargets.Target t = TestCatalogTargets.mariadb(db.name())) {
			db.exec("CREATE TABLE shop_order (id int primary key, placed_at datetime, KEY by_time (placed_at))",
					"CREATE TABLE shop_refund (id int primary key, refunded_at datetime, amount int,"
							+ " KEY by_time (refunded_at, amount))");
			ObjectDetail order = catalog.object(t, new ObjectRef(db.name(), db.name(), "shop_order", null)).orElseThrow();
			ObjectDetail refund = catalog.object(t, new ObjectRef(db.name(), db.name(), "shop_refund", null))
				.orElseThrow();
			assertThat(order.indexes()).filteredOn(i -> i.name().equals("by_time")).singleElement()
				.satisfies(i -> assertThat(i.columns()).containsExactly("placed_at"));
			assertThat(refund.indexes()).filteredOn(i -> i.name().equals("by_time")).singleElement()
				.satisfies(i -> assertThat(i.columns()).containsExactly("refunded_at", "amount"));
			assertThat(catalog.ddl(t, new ObjectRef(db.name(), db.name(), "shop_refund", null)).orElseThrow())
				.contains("KEY `by_time` (`refunded_at`,`amount`)");
		}
	}

	@Test
	void aProcedureWhoseBodyTheUserMayNotReadSaysSoInsteadOfNull() {
		String user = ScratchDatabases.uniqueName("ui_nobody");
		try (ScratchDatabases.Scratch db = ScratchDatabases.mariadb("cat_hidden")) {
			db.exec("CREATE PROCEDURE restock(IN n INT) SELECT n + 1",
					"CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2",
					"CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'",
					"GRANT SELECT, EXECUTE ON `" + db.name() + "`.* TO '" + user + "'@'%'");
			try (TestCatalogTargets.Target t = TestCatalogTargets.mariadb(db.name(), user, "pw-" + user)) {
				ObjectRef restock = new ObjectRef(db.name(), db.name(), "restock", ObjectKind.PROCEDURE);
				String ddl = catalog.ddl(t, restock).orElseThrow();
				assertThat(ddl).doesNotContain("null;").contains("The body of procedure `restock` is hidden")
					.contains("not the definer").contains("SHOW CREATE ROUTINE");
				ObjectDetail detail = catalog.object(t, restock).orElseThrow();
				assertThat(detail.definition()).contains("is hidden");
				assertThat(detail.properties()).containsEntry("body", "hidden");
				assertThat(catalog.ddl(t, new ObjectRef(db.name(), db.name(), "twice", ObjectKind.FUNCTION))
					.orElseThrow()).contains("The body of function `twice` is hidden");
			}
			// a user with the right sees the body
			assertThat(catalog.ddl(target, new ObjectRef(db.name(), db.name(), "restock", ObjectKind.PROCEDURE))
				.orElseThrow()).contains("SELECT n + 1").doesNotContain("hidden");
		}
		finally {
			ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
					ScratchDatabases.MARIADB_PASSWORD, "DROP USER IF EXISTS '" + user + "'@'%'");
		}
	}
}
