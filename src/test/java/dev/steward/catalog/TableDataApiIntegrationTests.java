package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data grid API end to end on PostgreSQL Chinook: paging by cursor, filters as parameters, who may change rows
 * (VIEWERs never, OPERATORs only in their own connections), conflicts as 409 with nothing written, and the audit.
 */
@IntegrationTest
class TableDataApiIntegrationTests {

	static ScratchDatabases.Scratch chinook;

	@LocalServerPort
	int port;

	@BeforeAll
	static void load() {
		chinook = ScratchDatabases.postgres("data_api");
		Datasets.chinookPostgres(chinook);
	}

	@AfterAll
	static void drop() {
		chinook.close();
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private String connection(TestApi api) {
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "grid " + UUID.randomUUID())
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + chinook.name())
			.put("shared", true).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private String table(String table) {
		return "database=" + chinook.name() + "&schema=public&table=" + table;
	}

	private ObjectNode change(String kind, int id, String original, String value) {
		ObjectNode c = TestApi.JSON.createObjectNode().put("kind", kind);
		c.putObject("key").put("genre_id", Integer.toString(id));
		c.putObject("original").put("name", original);
		c.putObject("values").put("name", value);
		return c;
	}

	private String changes(boolean dryRun, ObjectNode... changes) {
		ObjectNode body = TestApi.JSON.createObjectNode().put("database", chinook.name()).put("schema", "public")
			.put("table", "genre").put("dryRun", dryRun);
		var list = body.putArray("changes");
		for (ObjectNode c : changes) {
			list.add(c);
		}
		return body.toString();
	}

	private String genre(TestApi api, String base, int id) {
		String filter = enc("[{\"column\":\"genre_id\",\"op\":\"eq\",\"value\":\"" + id + "\"}]");
		TestApi.Response r = api.get(base + "?" + table("genre") + "&filter=" + filter);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json().get("rows").get(0).get(1).asString();
	}

	@Test
	void pagesFiltersAndCountsForEveryRole() {
		TestApi admin = TestApi.admin(port);
		String id = connection(admin);
		String base = "/api/connections/" + id + "/data";
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);

		Set<String> ids = new HashSet<>();
		List<String> composers = new ArrayList<>();
		String after = null;
		for (int pages = 0; pages < 100; pages++) {
			TestApi.Response page = viewer.get(base + "?" + table("track") + "&sort=composer&limit=500"
					+ (after == null ? "" : "&after=" + after));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertThat(page.json().get("paging").asString()).isEqualTo("keyset");
			assertThat(page.json().get("key").get(0).asString()).isEqualTo("track_id");
			for (JsonNode row : page.json().get("rows")) {
				ids.add(row.get(0).asString());
				composers.add(row.get(5).isNull() ? null : row.get(5).asString());
			}
			if (!page.json().get("hasMore").asBoolean()) {
				break;
			}
			after = page.json().get("next").asString();
		}
		assertThat(ids).hasSize(3503);
		assertThat(composers).hasSize(3503);

		String hostile = enc("[{\"column\":\"name\",\"op\":\"eq\",\"value\":\"x'; DROP TABLE track; --\"}]");
		TestApi.Response none = viewer.get(base + "?" + table("track") + "&filter=" + hostile);
		assertThat(none.status()).as(none.body()).isEqualTo(200);
		assertThat(none.json().get("rows")).isEmpty();
		TestApi.Response count = viewer.post(base + "/count", TestApi.JSON.createObjectNode()
			.put("database", chinook.name()).put("schema", "public").put("table", "track").toString());
		assertThat(count.status()).as(count.body()).isEqualTo(200);
		assertThat(count.json().get("count").asLong()).isEqualTo(3503);

		assertThat(viewer.get(base + "?" + table("nope")).status()).isEqualTo(404);
		assertThat(viewer.get(base + "?database=nope&schema=public&table=track").status()).isEqualTo(404);
		assertThat(viewer.get(base + "?" + table("track") + "&sort=nope").status()).isEqualTo(400);
		assertThat(viewer.get(base + "?" + table("track") + "&limit=5000").status()).isEqualTo(400);
		assertThat(viewer.get(base + "?" + table("track") + "&after=garbage").status()).isEqualTo(400);
		assertThat(viewer.get(base + "?" + table("track") + "&filter=" + enc("[{\"column\":\"name\",\"op\":\"drop\"}]"))
			.status()).isEqualTo(400);
	}

	@Test
	void changesNeedTheRightToWriteAndRefuseARowChangedMeanwhile() {
		TestApi admin = TestApi.admin(port);
		String id = connection(admin);
		String base = "/api/connections/" + id + "/data";
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestUsers.TestUser operatorUser = TestUsers.create(port, "OPERATOR");
		TestApi operator = operatorUser.login(port);

		String rename = changes(false, change("update", 1, "Rock", "Rock 'n' Roll"));
		assertThat(viewer.post(base + "/changes", rename).status()).isEqualTo(403);
		// a shared connection of another owner is read-only for an OPERATOR
		assertThat(operator.post(base + "/changes", rename).status()).isEqualTo(403);
		assertThat(genre(admin, base, 1)).isEqualTo("Rock");

		TestApi.Response preview = admin.post(base + "/changes", changes(true, change("update", 1, "Rock", "x")));
		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		assertThat(preview.json().get("applied").asBoolean()).isFalse();
		assertThat(preview.json().get("statements").get(0).get("sql").asString())
			.isEqualTo("UPDATE \"public\".\"genre\" SET \"name\" = ? WHERE \"genre_id\" = ?");
		assertThat(genre(admin, base, 1)).isEqualTo("Rock");

		TestApi.Response applied = admin.post(base + "/changes", rename);
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		assertThat(applied.json().get("result").get("updated").asInt()).isEqualTo(1);
		assertThat(genre(admin, base, 1)).isEqualTo("Rock 'n' Roll");

		// genre 2 is changed by the first change, but genre 1 no longer reads "Rock": nothing is written
		TestApi.Response stale = admin.post(base + "/changes", changes(false, change("update", 2, "Jazz", "Jazz!"),
				change("update", 1, "Rock", "Rock again")));
		assertThat(stale.status()).as(stale.body()).isEqualTo(409);
		assertThat(stale.json().get("change").asInt()).isEqualTo(1);
		assertThat(stale.json().get("detail").asString()).contains("genre_id=1");
		assertThat(genre(admin, base, 2)).isEqualTo("Jazz");

		// album has a primary key, so the grid offers editing
		TestApi.Response album = admin.get(base + "?" + table("album"));
		assertThat(album.json().get("editable").asBoolean()).isTrue();

		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			List<String> outcomes = new ArrayList<>();
			for (JsonNode r : admin.get("/api/audit?action=data.change&targetId=" + id).json().get("items")) {
				outcomes.add(r.get("outcome").asString());
			}
			assertThat(outcomes).containsExactlyInAnyOrder("SUCCESS", "FAILURE");
		});
	}
}
