package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.steward.engine.PoolKey;
import dev.steward.engine.TargetPools;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog follows the registry: editing or switching off a connection closes the pools the catalog opened
 * for its other databases, and deleting it also removes its snapshots from Steward's store.
 */
@IntegrationTest
class CatalogCleanupIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TargetPools pools;

	@Test
	void editSwitchOffAndDeleteCloseDatabasePoolsAndDeleteRemovesSnapshots() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("cat_clean")) {
			ScratchDatabases.exec(db.jdbcUrl(), db.user(), db.password(),
					"CREATE TABLE parent (id int PRIMARY KEY, name text)",
					"CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent(id))");
			TestApi admin = TestApi.admin(port);
			ObjectNode body = TestApi.JSON.createObjectNode().put("name", "cleanup " + UUID.randomUUID())
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name())
				.put("browseAllDatabases", true);
			TestApi.Response created = admin.post("/api/connections", body.toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			UUID connectionId = UUID.fromString(id);
			String base = "/api/connections/" + id + "/catalog";
			PoolKey otherPool = PoolKey.of(connectionId).database("postgres");

			// browsing another database of the server opens a pool of its own
			assertThat(admin.get(base + "/schemas?database=postgres").status()).isEqualTo(200);
			assertThat(pools.isOpen(otherPool)).isTrue();
			assertThat(pools.openPools(connectionId)).containsExactlyInAnyOrder(PoolKey.of(connectionId), otherPool);

			// an edit closes it (the settings it was opened with may be stale)
			TestApi.Response edited = admin.put("/api/connections/" + id, body.put("description", "edited").toString());
			assertThat(edited.status()).as(edited.body()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> !pools.isOpen(otherPool));
			assertThat(pools.openPools(connectionId)).isEmpty();

			// switching off closes it too
			assertThat(admin.get(base + "/schemas?database=postgres").status()).isEqualTo(200);
			assertThat(pools.isOpen(otherPool)).isTrue();
			assertThat(admin.patch("/api/connections/" + id, "{\"active\":false}").status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> !pools.isOpen(otherPool));
			assertThat(admin.patch("/api/connections/" + id, "{\"active\":true}").status()).isEqualTo(200);

			// two syncs leave two snapshot headers and the content of the latest
			assertThat(admin.post(base + "/sync", null).status()).isEqualTo(200);
			TestApi.Response second = admin.post(base + "/sync", null);
			assertThat(second.status()).as(second.body()).isEqualTo(200);
			assertThat(rows("catalog_snapshots", connectionId)).isEqualTo(2);
			assertThat(rows("catalog_objects", connectionId)).isEqualTo(2);
			assertThat(rows("catalog_columns", connectionId)).isEqualTo(4);
			assertThat(rows("catalog_keys", connectionId)).isEqualTo(3);
			assertThat(admin.get("/api/catalog/search?q=parent_id").body()).contains(id);
			assertThat(admin.get(base + "/schemas?database=postgres").status()).isEqualTo(200);
			assertThat(pools.isOpen(otherPool)).isTrue();

			// deleting the connection forgets all of it
			assertThat(admin.delete("/api/connections/" + id).status()).isEqualTo(204);
			await().atMost(Duration.ofSeconds(10)).until(() -> rows("catalog_snapshots", connectionId) == 0);
			assertThat(rows("catalog_objects", connectionId)).isZero();
			assertThat(rows("catalog_columns", connectionId)).isZero();
			assertThat(rows("catalog_keys", connectionId)).isZero();
			assertThat(pools.isOpen(otherPool)).isFalse();
			assertThat(pools.isOpen(PoolKey.of(connectionId))).isFalse();
			assertThat(admin.get("/api/catalog/search?q=parent_id").body()).doesNotContain(id);
		}
	}

	private long rows(String table, UUID connectionId) {
		Long n = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE connection_id = ?", Long.class,
				connectionId);
		return n == null ? 0 : n;
	}
}
