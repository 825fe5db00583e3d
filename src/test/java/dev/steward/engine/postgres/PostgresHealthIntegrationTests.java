package dev.steward.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.TestCatalogTargets;
import dev.steward.monitor.internal.Rates;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;

/**
 * PostgreSQL health samples against the real server: a connection the test opens is counted, commits the test
 * makes give a commit rate above zero, a running pg_sleep is the longest query and a row lock held by one
 * transaction shows the other as blocked.
 */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class PostgresHealthIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(3);

	final PostgresHealth health = new PostgresHealth();

	Scratch db;

	TestCatalogTargets.Target target;

	final List<Connection> opened = new ArrayList<>();

	@BeforeEach
	void create() {
		db = ScratchDatabases.postgres("health");
		db.exec("CREATE TABLE t (id int PRIMARY KEY, v int)", "INSERT INTO t VALUES (1, 0)");
		target = TestCatalogTargets.postgres(db.name());
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
		return health.sample(target.pool(), target.spec(), TIMEOUT);
	}

	Connection open() throws Exception {
		Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
		opened.add(c);
		return c;
	}

	@Test
	void countsConnectionsAndCommitsAndReadsTheServer() throws Exception {
		HealthSample first = sample();
		assertThat(first.reachable()).isTrue();
		assertThat(first.errors()).isEmpty();
		assertThat(first.serverVersion()).startsWith("15");
		assertThat(first.values()).containsKeys(HealthMetric.LATENCY, HealthMetric.MAX_CONNECTIONS,
				HealthMetric.CONNECTION_USAGE, HealthMetric.CACHE_HIT_RATIO, HealthMetric.DATABASE_SIZE,
				HealthMetric.XID_AGE, HealthMetric.DEADLOCKS, HealthMetric.TEMP_BYTES, HealthMetric.TUPLES_RETURNED);
		assertThat(first.values().get(HealthMetric.DATABASE_SIZE)).isGreaterThan(1_000_000);

		for (int i = 0; i < 3; i++) {
			open().createStatement().execute("SELECT 1");
		}
		Connection writer = open();
		writer.setAutoCommit(false);
		for (int i = 0; i < 20; i++) {
			try (Statement s = writer.createStatement()) {
				s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
			}
			writer.commit();
		}
		// a backend reports its statistics at most once a second, and at exit: close it, then wait for the report
		writer.close();
		// rates need the two samples at least Rates' minimum apart (a faster machine got none here)
		Thread.sleep(Math.max(0, 1100 - Duration.between(first.at(), java.time.Instant.now()).toMillis()));
		HealthSample second = sample();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (second.values().get(HealthMetric.COMMITS) - first.values().get(HealthMetric.COMMITS) < 20
				&& System.nanoTime() < deadline) {
			Thread.sleep(500);
			second = sample();
		}

		assertThat(second.values().get(HealthMetric.CONNECTIONS))
			.as("the test's own connections are counted")
			.isGreaterThanOrEqualTo(first.values().get(HealthMetric.CONNECTIONS) + 1);
		assertThat(second.values().get(HealthMetric.COMMITS) - first.values().get(HealthMetric.COMMITS))
			.isGreaterThanOrEqualTo(20);
		assertThat(second.values().get(HealthMetric.TUPLES_UPDATED)).isGreaterThanOrEqualTo(20);
		var rates = Rates.between(new Rates.Reading(first.at(), Rates.counters(first.values())),
				new Rates.Reading(second.at(), Rates.counters(second.values())));
		assertThat(rates.get(HealthMetric.COMMITS)).isGreaterThan(0);
	}

	@Test
	void aLongQueryAndABlockedSessionShow() throws Exception {
		Connection holder = open();
		holder.setAutoCommit(false);
		holder.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
		Connection waiter = open();
		CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
			try (Statement s = waiter.createStatement()) {
				s.executeUpdate("UPDATE t SET v = 2 WHERE id = 1");
			}
			catch (Exception e) {
				// ends when the holder rolls back or the connection closes
			}
		});
		Connection sleeper = open();
		CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
			try (Statement s = sleeper.createStatement()) {
				s.execute("SELECT pg_sleep(6)");
			}
			catch (Exception e) {
				// cancelled at the end of the test
			}
		});
		Thread.sleep(2500);
		HealthSample sample = sample();
		assertThat(sample.values().get(HealthMetric.LONGEST_QUERY)).as("pg_sleep running for 2.5 s")
			.isGreaterThanOrEqualTo(2.0);
		assertThat(sample.values().get(HealthMetric.LONGEST_TRANSACTION)).isGreaterThanOrEqualTo(2.0);
		assertThat(sample.values().get(HealthMetric.BLOCKED_SESSIONS)).isGreaterThanOrEqualTo(1);
		assertThat(sample.values().get(HealthMetric.SESSIONS_WAITING)).isGreaterThanOrEqualTo(1);
		assertThat(sample.values().get(HealthMetric.SESSIONS_IDLE_IN_TRANSACTION)).isGreaterThanOrEqualTo(1);
		assertThat(sample.values().get(HealthMetric.SESSIONS_ACTIVE)).isGreaterThanOrEqualTo(2);
		holder.rollback();
		blocked.get();
		sleeping.get();
	}
}
