package dev.steward.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.TestCatalogTargets;
import dev.steward.monitor.internal.Rates;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;

/** MariaDB health samples against the real server: the test's connections and commits show. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MysqlHealthIntegrationTests {

	final MysqlHealth health = new MysqlHealth();

	Scratch db;

	TestCatalogTargets.Target target;

	final List<Connection> opened = new ArrayList<>();

	@BeforeEach
	void create() {
		db = ScratchDatabases.mariadb("health");
		db.exec("CREATE TABLE t (id int PRIMARY KEY, v int) ENGINE=InnoDB", "INSERT INTO t VALUES (1, 0)");
		target = TestCatalogTargets.mariadb(db.name());
	}

	@AfterEach
	void drop() throws Exception {
		for (Connection c : opened) {
			c.close();
		}
		target.close();
		db.close();
	}

	HealthSample sample() {
		return health.sample(target.pool(), target.spec(), Duration.ofSeconds(3));
	}

	@Test
	void countsConnectionsAndCommits() throws Exception {
		HealthSample first = sample();
		assertThat(first.reachable()).isTrue();
		assertThat(first.errors()).isEmpty();
		assertThat(first.serverVersion()).contains("10.11");
		assertThat(first.values()).containsKeys(HealthMetric.LATENCY, HealthMetric.CONNECTIONS,
				HealthMetric.MAX_CONNECTIONS, HealthMetric.THREADS_RUNNING, HealthMetric.QUESTIONS,
				HealthMetric.SLOW_QUERIES, HealthMetric.BUFFER_POOL_READS, HealthMetric.BUFFER_POOL_READ_REQUESTS,
				HealthMetric.CACHE_HIT_RATIO, HealthMetric.ROW_LOCK_WAITS, HealthMetric.ABORTED_CONNECTS,
				HealthMetric.DATABASE_SIZE);
		assertThat(first.values().get(HealthMetric.DATABASE_SIZE)).as("the test table").isGreaterThan(0);

		String url = db.jdbcUrl() + "?sslMode=disable";
		for (int i = 0; i < 3; i++) {
			opened.add(DriverManager.getConnection(url, db.user(), db.password()));
		}
		Connection writer = DriverManager.getConnection(url, db.user(), db.password());
		opened.add(writer);
		writer.setAutoCommit(false);
		for (int i = 0; i < 20; i++) {
			try (Statement s = writer.createStatement()) {
				s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
			}
			writer.commit();
		}
		Thread.sleep(600);
		HealthSample second = sample();
		assertThat(second.values().get(HealthMetric.CONNECTIONS))
			.isGreaterThanOrEqualTo(first.values().get(HealthMetric.CONNECTIONS) + 1);
		assertThat(second.values().get(HealthMetric.COMMITS) - first.values().get(HealthMetric.COMMITS))
			.isGreaterThanOrEqualTo(20);
		var rates = Rates.between(new Rates.Reading(first.at(), Rates.counters(first.values())),
				new Rates.Reading(second.at(), Rates.counters(second.values())));
		assertThat(rates.get(HealthMetric.COMMITS)).isGreaterThan(0);
		assertThat(rates.get(HealthMetric.QUESTIONS)).isGreaterThan(0);
	}
}
