package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Re-syncs rewrite only what changed: the diff names added, dropped and changed objects, and the stored snapshot
 * (what search reads) matches the database afterwards, object for object and column for column.
 */
@IntegrationTest
class CatalogSyncIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aResyncStoresAddedDroppedAndChangedObjectsAndNothingElse() {
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("cat_sync")) {
			db.exec("CREATE TABLE keep_me (id int PRIMARY KEY, label text)",
					"CREATE TABLE drop_me (id int PRIMARY KEY, gone_column text)",
					"CREATE TABLE change_me (id int PRIMARY KEY, old_column text)",
					"CREATE TABLE stats_only (id int PRIMARY KEY)");
			TestApi admin = TestApi.admin(port);
			TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "sync diff " + UUID.randomUUID())
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()).toString());
			String id = created.json().get("id").asString();
			UUID connectionId = UUID.fromString(id);
			String sync = "/api/connections/" + id + "/catalog/sync";

			JsonNode first = admin.post(sync, null).json();
			assertThat(first.get("objects").asInt()).isEqualTo(4);
			assertThat(first.get("columns").asInt()).isEqualTo(7);
			int keepId = objectId(connectionId, "keep_me");

			db.exec("DROP TABLE drop_me", "ALTER TABLE change_me DROP COLUMN old_column",
					"ALTER TABLE change_me ADD COLUMN new_column_xyz numeric(10,2) NOT NULL DEFAULT 0",
					"CREATE TABLE add_me (id int PRIMARY KEY, keep_id int REFERENCES keep_me(id))",
					"INSERT INTO stats_only SELECT generate_series(1, 500)", "ANALYZE stats_only",
					"COMMENT ON TABLE keep_me IS 'now with a comment'");
			JsonNode second = admin.post(sync, null).json();
			assertThat(second.get("added").asInt()).isEqualTo(1);
			assertThat(second.get("dropped").asInt()).isEqualTo(1);
			assertThat(second.get("changed").asInt()).isEqualTo(1);
			assertThat(second.get("addedNames").toString()).contains("public.add_me");
			assertThat(second.get("droppedNames").toString()).contains("public.drop_me");
			assertThat(second.get("changedNames").toString()).contains("public.change_me");

			// unchanged objects keep their rows; statistics and comments are restated in place
			assertThat(objectId(connectionId, "keep_me")).isEqualTo(keepId);
			assertThat(jdbc.queryForObject("SELECT object_comment FROM catalog_objects WHERE connection_id = ? "
					+ "AND object_name = 'keep_me'", String.class, connectionId)).isEqualTo("now with a comment");
			assertThat(jdbc.queryForObject("SELECT approx_rows FROM catalog_objects WHERE connection_id = ? "
					+ "AND object_name = 'stats_only'", Long.class, connectionId)).isEqualTo(500L);

			// the store holds exactly the database's catalog: 4 objects, 7 columns, 5 keys (4 PKs and an FK)
			assertThat(count("catalog_objects", connectionId)).isEqualTo(4);
			assertThat(count("catalog_columns", connectionId)).isEqualTo(7);
			assertThat(count("catalog_keys", connectionId)).isEqualTo(5);
			assertThat(jdbc.queryForList("SELECT column_name FROM catalog_columns c JOIN catalog_objects o "
					+ "ON o.connection_id = c.connection_id AND o.object_id = c.object_id WHERE c.connection_id = ? "
					+ "AND o.object_name = 'change_me' ORDER BY c.ordinal", String.class, connectionId))
				.containsExactly("id", "new_column_xyz");

			// search reads the new snapshot
			String hits = admin.get("/api/catalog/search?q=new_column_xyz").body();
			assertThat(hits).contains("change_me").contains("numeric(10,2)");
			assertThat(admin.get("/api/catalog/search?q=gone_column").json().get("totalElements").asInt()).isZero();
			assertThat(admin.get("/api/catalog/search?q=old_column").json().get("totalElements").asInt()).isZero();

			// a quiet re-sync changes nothing and rewrites nothing
			int addedId = objectId(connectionId, "add_me");
			JsonNode third = admin.post(sync, null).json();
			assertThat(third.get("added").asInt() + third.get("dropped").asInt() + third.get("changed").asInt()).isZero();
			assertThat(objectId(connectionId, "add_me")).isEqualTo(addedId);
			assertThat(objectId(connectionId, "keep_me")).isEqualTo(keepId);
			assertThat(count("catalog_columns", connectionId)).isEqualTo(7);
			admin.delete("/api/connections/" + id);
		}
	}

	private int objectId(UUID connectionId, String table) {
		Integer id = jdbc.queryForObject("SELECT object_id FROM catalog_objects WHERE connection_id = ? AND object_name = ?",
				Integer.class, connectionId, table);
		return id == null ? -1 : id;
	}

	private long count(String table, UUID connectionId) {
		Long n = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE connection_id = ?", Long.class,
				connectionId);
		return n == null ? 0 : n;
	}
}
