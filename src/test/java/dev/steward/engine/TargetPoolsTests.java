package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.steward.engine.postgres.PostgresAdapter;
import dev.steward.engine.support.JdbcTargetPool;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;

/**
 * {@link TargetPools} against the real PostgreSQL: per-database pools are capped per connection and overall
 * (least recently used idle one closed first, never a busy one), and the sweeper closes pools nobody asked for,
 * with their server sessions and threads.
 */
class TargetPoolsTests {

	private final List<Scratch> dbs = new ArrayList<>();

	private TargetPools pools;

	@BeforeEach
	void open() {
		for (int i = 0; i < 3; i++) {
			dbs.add(ScratchDatabases.postgres("tpools"));
		}
		Engines engines = new Engines(List.of(new PostgresAdapter()), List.of());
		pools = new TargetPools(engines, new TargetPoolProperties(3, 2, Duration.ofSeconds(10), Duration.ofSeconds(1)));
	}

	@AfterEach
	void close() {
		pools.destroy();
		dbs.forEach(Scratch::close);
	}

	@Test
	void perDatabasePoolsAreCappedLeastRecentlyUsedFirstAndNeverWhileBusy() throws Exception {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		PoolKey a0 = use(a, 0);
		PoolKey a1 = use(a, 1);
		use(a, 0);
		// a third database for a: its least recently used one (1) makes room
		PoolKey a2 = use(a, 2);
		assertThat(pools.openPools(a)).containsExactlyInAnyOrder(a0, a2);

		// b's first one fits the overall cap of 3; its second needs the overall least recently used: a's 0
		PoolKey b0 = use(b, 0);
		PoolKey b1 = use(b, 1);
		assertThat(pools.openPools(a)).containsExactly(a2);
		assertThat(pools.openPools(b)).containsExactlyInAnyOrder(b0, b1);
		assertThat(pools.isOpen(a1)).isFalse();

		// busy pools are not closed to make room: with all of b's busy, a third one for b is refused
		try (Connection held0 = jdbc(b, 0).dataSource().getConnection();
				Connection held1 = jdbc(b, 1).dataSource().getConnection()) {
			assertThatThrownBy(() -> use(b, 2)).isInstanceOf(PoolLimitReached.class);
			assertThat(pools.openPools(b)).containsExactlyInAnyOrder(b0, b1);
		}
		assertThat(pools.openPools(b)).hasSize(2);
		use(b, 2);
		assertThat(pools.openPools(b)).hasSize(2).contains(PoolKey.of(b).database(dbs.get(2).name()));
	}

	@Test
	void theSweeperClosesUnusedPoolsWithTheirSessionsAndThreads() throws Exception {
		UUID a = UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			try (Connection c = jdbc(a, i).dataSource().getConnection()) {
				assertThat(c.isValid(1)).isTrue();
			}
		}
		pools.get(PoolKey.of(a), spec(0));
		assertThat(sessions()).isGreaterThanOrEqualTo(2);

		// close-unused-after is 1 s here; the sweeper looks every second
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(pools.openPools(a)).isEmpty();
			assertThat(sessions()).isZero();
			assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
				.filter(n -> n.contains(a.toString()))).isEmpty();
		});
	}

	private PoolKey use(UUID connection, int db) throws Exception {
		try (Connection c = jdbc(connection, db).dataSource().getConnection()) {
			assertThat(c.isValid(1)).isTrue();
		}
		return PoolKey.of(connection).database(dbs.get(db).name());
	}

	private JdbcTargetPool jdbc(UUID connection, int db) {
		return pools.jdbc(PoolKey.of(connection).database(dbs.get(db).name()), spec(db));
	}

	private ConnectionSpec spec(int db) {
		return new ConnectionSpec(EngineKind.POSTGRESQL, "127.0.0.1", 5432, dbs.get(db).name(),
				ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD, SslMode.DISABLE, null, null, false, Map.of());
	}

	private int sessions() throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD);
				var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ANY (?)")) {
			ps.setArray(1, c.createArrayOf("text", dbs.stream().map(Scratch::name).toArray()));
			try (var rs = ps.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}
}
