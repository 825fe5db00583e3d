package dev.steward.engine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.TestCatalogTargets;
import dev.steward.test.ScratchDatabases;

/** SQLite health: file and WAL sizes, pages and free pages of a real file. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class SqliteHealthIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void readsFileWalAndPages() throws Exception {
		Path file = dir.resolve("h.db");
		String url = "jdbc:sqlite:" + file;
		ScratchDatabases.exec(url, "", "", "PRAGMA journal_mode=WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)",
				"INSERT INTO t (s) SELECT hex(randomblob(500)) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
						+ "SELECT x + 1 FROM c WHERE x < 500) SELECT x FROM c)",
				"DELETE FROM t WHERE id > 250");
		try (TestCatalogTargets.Target target = TestCatalogTargets.sqlite(file.toString())) {
			HealthSample sample = new SqliteHealth().sample(target.pool(), target.spec(), Duration.ofSeconds(3));
			assertThat(sample.reachable()).isTrue();
			assertThat(sample.errors()).isEmpty();
			assertThat(sample.serverVersion()).matches("3\\..*");
			assertThat(sample.values().get(HealthMetric.FILE_SIZE)).isEqualTo((double) Files.size(file));
			assertThat(sample.values().get(HealthMetric.WAL_SIZE)).isEqualTo((double) Files.size(dir.resolve("h.db-wal")));
			assertThat(sample.values().get(HealthMetric.PAGE_COUNT)).isGreaterThan(10);
			assertThat(sample.values().get(HealthMetric.FREELIST_COUNT)).isGreaterThan(0);
		}
	}
}
