package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.engine.PoolKey;
import dev.steward.engine.TargetPools;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ?database=} on the catalog endpoints cannot make Steward open pools at will: names are checked against
 * the server's own list first (unknown → 404 at once, no pool, no thread), the pools it does open for other
 * databases are closed when unused (their sessions and threads go away), and a connection registered for one
 * database browses only that one unless {@code browseAllDatabases} says otherwise.
 */
@IntegrationTest
class CatalogDatabasePoolsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TargetPools pools;

	@Test
	void unknownDatabaseNamesAnswer404AtOnceWithoutPoolsThreadsOrSessions() throws Exception {
		try (Scratch db = ScratchDatabases.postgres("pools_unknown")) {
			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			String id = register(TestApi.admin(port), pgBody(db.name()).put("browseAllDatabases", true));
			String base = "/api/connections/" + id + "/catalog";
			assertThat(viewer.get(base + "/schemas?database=" + db.name()).status()).isEqualTo(200);
			int threadsBefore = threads();

			String prefix = ScratchDatabases.uniqueName("nosuch");
			for (int i = 0; i < 40; i++) {
				long start = System.nanoTime();
				TestApi.Response r = viewer.get(base + "/schemas?database=" + prefix + "_" + i);
				long millis = (System.nanoTime() - start) / 1_000_000;
				assertThat(r.status()).as(r.body()).isEqualTo(404);
				assertThat(r.json().get("type").asString()).endsWith("not-found");
				// the defect was a 5 s wait for a pool that could never connect; a loaded CI machine needs headroom
				assertThat(millis).as("answer %d took %d ms", i, millis).isLessThan(2500);
			}
			// the other endpoints that take a database check it the same way
			assertThat(viewer.get(base + "/objects?database=" + prefix + "&schema=public").status()).isEqualTo(404);
			assertThat(viewer.get(base + "/object?database=" + prefix + "&schema=public&name=t").status())
				.isEqualTo(404);

			assertThat(pools.openPools(UUID.fromString(id))).containsExactly(PoolKey.of(UUID.fromString(id)));
			assertThat(threads()).as("JVM threads after 40 unknown names").isLessThanOrEqualTo(threadsBefore + 4);
			assertThat(sessions(List.of(prefix + "_0", prefix + "_39"))).isZero();
		}
	}

	@Test
	void poolsOfBrowsedDatabasesAreClosedWhenUnusedWithTheirSessionsAndThreads() throws Exception {
		List<Scratch> dbs = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				dbs.add(ScratchDatabases.postgres("pools_browse"));
			}
			List<String> names = dbs.stream().map(Scratch::name).toList();
			TestApi admin = TestApi.admin(port);
			int threadsBefore = threads();
			String id = register(admin, pgBody(names.getFirst()).put("browseAllDatabases", true));
			UUID connectionId = UUID.fromString(id);
			for (String name : names) {
				TestApi.Response r = admin.get("/api/connections/" + id + "/catalog/schemas?database=" + name);
				assertThat(r.status()).as(r.body()).isEqualTo(200);
			}
			assertThat(pools.openPools(connectionId)).hasSize(names.size());
			assertThat(sessions(names)).isGreaterThanOrEqualTo(names.size());

			// the sweeper's work, with a short "unused for" instead of minutes
			pools.closeUnused(Duration.ZERO);

			assertThat(pools.openPools(connectionId)).isEmpty();
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				assertThat(sessions(names)).as("server sessions to the browsed databases").isZero();
				assertThat(poolThreads(connectionId)).as("threads of the closed pools").isEmpty();
				assertThat(threads()).isLessThanOrEqualTo(threadsBefore + 3);
			});

			// browsing again reopens what is needed
			assertThat(admin.get("/api/connections/" + id + "/catalog/schemas?database=" + names.get(1)).status())
				.isEqualTo(200);
			assertThat(pools.openPools(connectionId)).containsExactly(PoolKey.of(connectionId).database(names.get(1)));
		}
		finally {
			dbs.forEach(Scratch::close);
		}
	}

	@Test
	void aConnectionRegisteredForOneDatabaseBrowsesOnlyThatOneUnlessAllowed() throws Exception {
		try (Scratch db = ScratchDatabases.postgres("pools_limit")) {
			TestApi admin = TestApi.admin(port);
			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			ObjectNode body = pgBody(db.name()).put("shared", true);
			TestApi.Response created = admin.post("/api/connections", body.toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.json().get("browseAllDatabases").asBoolean()).isFalse();
			String id = created.json().get("id").asString();
			String base = "/api/connections/" + id + "/catalog";

			assertThat(names(viewer.get(base + "/databases"))).containsExactly(db.name());
			assertThat(viewer.get(base + "/schemas?database=" + db.name()).status()).isEqualTo(200);
			for (String other : List.of("postgres", "template1", "template0")) {
				TestApi.Response r = viewer.get(base + "/schemas?database=" + other);
				assertThat(r.status()).as(other).isEqualTo(404);
				assertThat(r.json().get("detail").asString()).isEqualTo("Database " + other + " was not found");
			}
			// a refused exact count is audited once, like one of a missing table
			assertThat(viewer.post(base + "/object/count?name=pg_class&database=postgres&schema=pg_catalog", null)
				.status()).isEqualTo(404);
			await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/audit?action=catalog.count&targetId=" + id)
				.json().get("totalElements").asLong() == 1);
			assertThat(pools.openPools(UUID.fromString(id))).containsExactly(PoolKey.of(UUID.fromString(id)));

			// allowed: every database the server lists, still not the templates it does not
			TestApi.Response edited = admin.put("/api/connections/" + id,
					body.put("browseAllDatabases", true).toString());
			assertThat(edited.status()).as(edited.body()).isEqualTo(200);
			assertThat(edited.json().get("browseAllDatabases").asBoolean()).isTrue();
			assertThat(names(viewer.get(base + "/databases"))).contains(db.name(), "postgres");
			assertThat(viewer.get(base + "/schemas?database=postgres").status()).isEqualTo(200);
			assertThat(viewer.get(base + "/schemas?database=template1").status()).isEqualTo(404);
			assertThat(viewer.get("/api/connections/" + id).json().get("browseAllDatabases").asBoolean()).isTrue();

			// a connection without a database browses them all by default; limiting it needs a database
			ObjectNode serverWide = TestApi.JSON.createObjectNode().put("name", "server " + UUID.randomUUID())
				.put("engine", "POSTGRESQL").put("host", "127.0.0.1").put("port", 5432)
				.put("username", ScratchDatabases.PG_USER);
			TestApi.Response all = admin.post("/api/connections", serverWide.toString());
			assertThat(all.status()).as(all.body()).isEqualTo(201);
			assertThat(all.json().get("browseAllDatabases").asBoolean()).isTrue();
			TestApi.Response refused = admin.post("/api/connections",
					serverWide.put("name", "limited " + UUID.randomUUID()).put("browseAllDatabases", false).toString());
			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("browseAllDatabases");
		}
	}

	@Test
	void mariadbChecksDatabaseAndSchemaNamesTheSameWay() throws Exception {
		try (Scratch db = ScratchDatabases.mariadb("pools_maria")) {
			TestApi admin = TestApi.admin(port);
			ObjectNode body = TestApi.JSON.createObjectNode().put("name", "maria " + UUID.randomUUID())
				.put("engine", "MYSQL").put("host", "127.0.0.1").put("port", 3306).put("database", db.name())
				.put("username", ScratchDatabases.MARIADB_USER);
			TestApi.Response created = admin.post("/api/connections", body.toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.json().get("browseAllDatabases").asBoolean()).isFalse();
			String id = created.json().get("id").asString();
			String base = "/api/connections/" + id + "/catalog";

			assertThat(names(admin.get(base + "/databases"))).containsExactly(db.name());
			assertThat(admin.get(base + "/schemas?database=" + db.name()).status()).isEqualTo(200);
			assertThat(admin.get(base + "/schemas?database=mysql").status()).isEqualTo(404);
			// MariaDB's catalog reads the schema parameter as the database: it is checked too
			assertThat(admin.get(base + "/objects?database=" + db.name() + "&schema=mysql").status()).isEqualTo(404);

			assertThat(admin.put("/api/connections/" + id, body.put("browseAllDatabases", true).toString()).status())
				.isEqualTo(200);
			assertThat(admin.get(base + "/schemas?database=mysql").status()).isEqualTo(200);
			long start = System.nanoTime();
			TestApi.Response unknown = admin.get(base + "/schemas?database=" + ScratchDatabases.uniqueName("nosuch"));
			assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
		}
	}

	private static ObjectNode pgBody(String database) {
		return TestApi.JSON.createObjectNode().put("name", "pools " + UUID.randomUUID())
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + database);
	}

	private static String register(TestApi admin, ObjectNode body) {
		TestApi.Response created = admin.post("/api/connections", body.put("shared", true).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static List<String> names(TestApi.Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<String> out = new ArrayList<>();
		for (JsonNode n : r.json()) {
			out.add(n.get("name").asString());
		}
		return out;
	}

	private static int threads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/** Live threads named after the connection's pools (HikariCP names its threads after the pool). */
	private static List<String> poolThreads(UUID connectionId) {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
			.filter(n -> n.contains(connectionId.toString())).toList();
	}

	/** Sessions on the server connected to these databases (other tests' databases are not counted). */
	private static int sessions(List<String> databases) throws SQLException {
		try (Connection c = DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD);
				PreparedStatement ps = c.prepareStatement(
						"SELECT count(*) FROM pg_stat_activity WHERE datname = ANY (?) AND pid <> pg_backend_pid()")) {
			ps.setArray(1, c.createArrayOf("text", databases.toArray()));
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}
}
