package dev.steward.engine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SortKey;
import dev.steward.engine.TestCatalogTargets;
import dev.steward.test.Datasets;

/** SQLite introspection on a private copy of the Chinook file. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class SqliteCatalogIntegrationTests {

	final SqliteCatalog catalog = new SqliteCatalog();

	@Test
	void chinookInSqliteTerms(@TempDir Path dir) {
		Path file = Datasets.chinookSqlite(dir);
		try (TestCatalogTargets.Target target = TestCatalogTargets.sqlite(file.toString())) {
			assertThat(catalog.databases(target)).extracting(d -> d.name()).containsExactly("main");
			ObjectDetail invoice = catalog.object(target, new ObjectRef("main", "main", "Invoice", null)).orElseThrow();
			ColumnInfo total = invoice.columns().stream().filter(c -> c.name().equals("Total")).findFirst().orElseThrow();
			assertThat(total.dataType()).isEqualTo("NUMERIC(10,2)");
			assertThat(total.comment()).isEqualTo("affinity NUMERIC");
			assertThat(catalog.ddl(target, new ObjectRef("main", "main", "Invoice", null)).orElseThrow())
				.startsWith("CREATE TABLE [Invoice]").contains("CREATE INDEX [IFK_InvoiceCustomerId]");
		}
	}

	@Test
	void hostileNamesAttachedDatabasesAndGeneratedColumns(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("odd.sqlite");
		try (TestCatalogTargets.Target target = TestCatalogTargets.sqlite(file.toString())) {
			try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
				s.execute("CREATE TABLE victim (id INTEGER PRIMARY KEY)");
				s.execute("CREATE TABLE \"x\"\"); DROP TABLE victim;-- 名前\" (\"select\" INTEGER PRIMARY KEY, "
						+ "\"a.b c\" TEXT REFERENCES victim(id) ON DELETE CASCADE, g INT GENERATED ALWAYS AS (\"select\" * 2) STORED)");
				s.execute("INSERT INTO victim VALUES (1)");
				s.execute("INSERT INTO \"x\"\"); DROP TABLE victim;-- 名前\" (\"select\", \"a.b c\") VALUES (1, 1), (2, 1)");
				s.execute("CREATE VIEW \"v'w\" AS SELECT * FROM victim");
				s.execute("CREATE TRIGGER tr AFTER DELETE ON victim BEGIN SELECT 1; END");
			}
			String table = "x\"); DROP TABLE victim;-- 名前";
			ObjectDetail d = catalog.object(target, new ObjectRef("main", "main", table, null)).orElseThrow();
			assertThat(d.columns()).extracting(ColumnInfo::name).containsExactly("select", "a.b c", "g");
			assertThat(d.columns().get(2).generated()).isEqualTo("STORED");
			assertThat(d.foreignKeys()).singleElement().satisfies(fk -> assertThat(fk.onDelete()).isEqualTo("CASCADE"));
			assertThat(catalog.exactCount(target, new ObjectRef("main", "main", table, null), Duration.ofSeconds(5)))
				.contains(2L);
			assertThat(catalog.exactCount(target, new ObjectRef("main", "main", "victim", null), Duration.ofSeconds(5)))
				.contains(1L);
			assertThat(catalog.objects(target, new ObjectQuery("main", "main", ObjectKind.VIEW, "'", 0, 10,
					SortKey.NAME, false)).items()).extracting(ObjectSummary::name).containsExactly("v'w");
			assertThat(catalog.object(target, new ObjectRef("main", "main", "victim", null)).orElseThrow().triggers())
				.extracting(t -> t.name() + " " + t.timing() + " " + t.events()).containsExactly("tr AFTER [DELETE]");
			assertThat(catalog.objects(target, new ObjectQuery("main", "nope\"", null, null, 0, 10, SortKey.NAME,
					false)).totalElements()).isZero();
		}
	}
}
