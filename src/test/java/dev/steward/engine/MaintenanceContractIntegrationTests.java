package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.steward.engine.MaintenanceCapability.Table;
import dev.steward.engine.MaintenanceCapability.TableUnknown;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;

/**
 * One contract for every engine's {@link MaintenanceCapability}: the tables of the database are listed, a named
 * one is found as the catalog spells it, an unknown or hostile name is {@link TableUnknown}, and every offered
 * operation runs on a table (or the whole database) without error and reports no problem on a healthy one.
 */
@IntegrationTest
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MaintenanceContractIntegrationTests {

	enum Kind {
		POSTGRESQL, MARIADB, SQLITE
	}

	@Autowired
	Engines engines;

	@TempDir
	Path dir;

	Scratch db;

	TestCatalogTargets.Target target;

	@AfterEach
	void drop() {
		if (target != null) {
			target.close();
		}
		if (db != null) {
			db.close();
		}
	}

	TestCatalogTargets.Target target(Kind kind) throws Exception {
		switch (kind) {
			case POSTGRESQL -> {
				db = ScratchDatabases.postgres("mcontract");
				db.exec("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')",
						"CREATE TABLE \"Odd name\" (id int)");
				return TestCatalogTargets.postgres(db.name());
			}
			case MARIADB -> {
				db = ScratchDatabases.mariadb("mcontract");
				db.exec("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')",
						"CREATE TABLE `Odd name` (id int)");
				return TestCatalogTargets.mariadb(db.name());
			}
			default -> {
				Path file = Files.createFile(dir.resolve("c.sqlite"));
				try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
					s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
					s.execute("INSERT INTO t VALUES (1, 'a')");
					s.execute("CREATE TABLE \"Odd name\" (id int)");
				}
				return TestCatalogTargets.sqlite(file.toString());
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void everyOfferedOperationRunsOnTheCatalogsTables(Kind kind) throws Exception {
		target = target(kind);
		MaintenanceCapability maintenance = engines.capability(target.spec().engine(), MaintenanceCapability.class);
		Duration timeout = Duration.ofSeconds(10);

		List<Table> all = maintenance.tables(target.pool(), target.spec(), List.of(), timeout, 100);
		assertThat(all).extracting(Table::name).containsExactlyInAnyOrder("t", "Odd name");
		List<Table> named = maintenance.tables(target.pool(), target.spec(), List.of(new Table(null, "Odd name")), timeout,
				100);
		assertThat(named).singleElement().extracting(Table::name).isEqualTo("Odd name");
		for (String hostile : List.of("nope", "t; DROP TABLE t", "t\" --", "T_")) {
			assertThatThrownBy(() -> maintenance.tables(target.pool(), target.spec(), List.of(new Table(null, hostile)),
					timeout, 100)).as(hostile).isInstanceOf(TableUnknown.class);
		}

		assertThat(maintenance.operations()).isNotEmpty();
		for (MaintenanceCapability.Offer offer : maintenance.operations()) {
			List<Table> steps = new ArrayList<>();
			if (offer.perTable()) {
				steps.addAll(all);
			}
			else {
				steps.add(null);
			}
			for (Table table : steps) {
				List<Double> fractions = new ArrayList<>();
				List<String> messages = maintenance.run(target.pool(), target.spec(), offer.operation(), table,
						new MaintenanceCapability.Control() {
							@Override
							public void running(java.sql.Statement statement) {
							}

							@Override
							public void fraction(double done) {
								fractions.add(done);
							}
						});
				assertThat(messages).as(offer.operation() + " on " + table).isEmpty();
				assertThat(fractions).allMatch(f -> f >= 0 && f <= 1);
			}
		}
		try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT count(*) FROM t")) {
			rs.next();
			assertThat(rs.getInt(1)).as("the data survives maintenance").isEqualTo(1);
		}
	}
}
