package dev.steward.query;

import static dev.steward.query.ConsoleTargets.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.query.ConsoleTargets.Kind;
import dev.steward.query.ConsoleTargets.Target;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The SQL workspace around the console: continue-on-error, commit/rollback, saved queries, history, completion. */
@IntegrationTest
class SqlWorkspaceIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "POSTGRESQL", "MARIADB" })
	void aScriptGoesOnAfterItsErrorsOnlyWhenAsked(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			String script = "CREATE TABLE kept (id INT);\nINSERT INTO kept VALUES (1);\n"
					+ "SELECT *\n  FROM no_such_table;\nINSERT INTO kept VALUES (2);\nSELECT nope FROM kept;";
			JsonNode stopped = run(admin, target, script, null);
			assertThat(stopped.get("status").asString()).isEqualTo("FAILED");
			assertThat(stopped.get("continueOnError").asBoolean()).isFalse();
			assertThat(stopped.get("error").get("statementIndex").asInt()).isEqualTo(2);
			assertThat(stopped.get("error").get("statement").asString()).isEqualTo("SELECT *");
			assertThat(target.count("kept")).isEqualTo(1);

			ObjectNode body = TestApi.JSON.createObjectNode().put("sql", script.replace("CREATE TABLE kept (id INT);\n",
					"")).put("continueOnError", true);
			TestApi.Response started = admin.post("/api/connections/" + target.connectionId() + "/sql", body.toString());
			JsonNode done = ConsoleTargets.await(admin, started.json().get("id").asString());
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("FAILED");
			assertThat(done.get("failedStatements").asInt()).isEqualTo(2);
			assertThat(done.get("results").size()).isEqualTo(4);
			JsonNode failed = done.get("results").get(1);
			assertThat(failed.get("error").get("statementIndex").asInt()).isEqualTo(1);
			assertThat(failed.get("error").get("statement").asString()).isEqualTo("SELECT *");
			assertThat(failed.get("error").get("line").asInt()).isEqualTo(kind == Kind.POSTGRESQL ? 3 : 2);
			if (kind == Kind.POSTGRESQL) {
				assertThat(failed.get("error").get("position").asInt()).isEqualTo(17);
			}
			assertThat(done.get("results").get(3).get("error").get("statement").asString())
				.isEqualTo("SELECT nope FROM kept");
			assertThat(done.get("error").get("statementIndex").asInt()).isEqualTo(1);
			assertThat(target.count("kept")).isEqualTo(3); // 1 from before, then 1 and 2 again
		}
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "POSTGRESQL", "MARIADB" })
	void commitAndRollbackEndTheSessionsTransaction(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			run(admin, target, "CREATE TABLE tx (id INT)", null);
			JsonNode begun = run(admin, target, target.begin(), null);
			String session = begun.get("sessionId").asString();
			assertThat(admin.post("/api/sql/sessions/" + session + "/commit", null).status()).isIn(200, 409);
			run(admin, target, target.begin(), session);
			JsonNode inserted = run(admin, target, "INSERT INTO tx VALUES (1)", session);
			assertThat(inserted.get("inTransaction").asBoolean()).isTrue();
			TestApi.Response rolledBack = admin.post("/api/sql/sessions/" + session + "/rollback", null);
			assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
			assertThat(rolledBack.json().get("inTransaction").asBoolean()).isFalse();
			assertThat(target.count("tx")).isZero();
			assertThat(admin.post("/api/sql/sessions/" + session + "/rollback", null).status()).isEqualTo(409);

			run(admin, target, target.begin(), session);
			run(admin, target, "INSERT INTO tx VALUES (2)", session);
			TestApi other = TestUsers.create(port, "ADMIN").login(port);
			assertThat(other.post("/api/sql/sessions/" + session + "/commit", null).status()).isEqualTo(404);
			TestApi.Response committed = admin.post("/api/sql/sessions/" + session + "/commit", null);
			assertThat(committed.status()).as(committed.body()).isEqualTo(200);
			assertThat(committed.json().get("status").asString()).isEqualTo("COMPLETED");
			assertThat(target.count("tx")).isEqualTo(1);
		}
	}

	@Test
	void savedQueriesArePrivateOrSharedAndOnlyTheirOwnerOrAnAdminChangesThem() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi owner = TestUsers.create(port, "OPERATOR").login(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		try (Target target = ConsoleTargets.create(admin, Kind.SQLITE, dataDir, false, true)) {
			String marker = "saved_" + System.nanoTime();
			TestApi.Response created = owner.post("/api/sql/saved", draft("Top " + marker, target, "SELECT 1 AS "
					+ marker, "PRIVATE").toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			assertThat(created.json().get("editable").asBoolean()).isTrue();

			// private: the viewer (and even an admin) does not see it
			assertThat(viewer.get("/api/sql/saved/" + id).status()).isEqualTo(404);
			assertThat(admin.get("/api/sql/saved/" + id).status()).isEqualTo(404);
			assertThat(viewer.get("/api/sql/saved?q=" + marker).json().get("totalElements").asLong()).isZero();
			assertThat(owner.get("/api/sql/saved?q=" + marker).json().get("totalElements").asLong()).isEqualTo(1);

			// shared: read-only for the viewer, editable by an admin
			TestApi.Response shared = owner.put("/api/sql/saved/" + id, draft("Top " + marker, target,
					"SELECT 2 AS " + marker, "SHARED").toString());
			assertThat(shared.status()).as(shared.body()).isEqualTo(200);
			JsonNode seen = viewer.get("/api/sql/saved?q=" + marker + "&connectionId=" + target.connectionId()).json();
			assertThat(seen.get("totalElements").asLong()).isEqualTo(1);
			assertThat(seen.get("items").get(0).get("editable").asBoolean()).isFalse();
			assertThat(seen.get("items").get(0).get("sql").asString()).isEqualTo("SELECT 2 AS " + marker);
			// refused for rights before the (invalid) input is looked at
			assertThat(viewer.put("/api/sql/saved/" + id, "{}").status()).isEqualTo(403);
			assertThat(viewer.delete("/api/sql/saved/" + id).status()).isEqualTo(403);
			assertThat(admin.put("/api/sql/saved/" + id, draft("Renamed " + marker, target, "SELECT 3", "SHARED")
				.toString()).status()).isEqualTo(200);
			assertThat(viewer.get("/api/sql/saved/" + id).json().get("name").asString()).isEqualTo("Renamed " + marker);
			assertThat(viewer.get("/api/sql/saved/" + id).json().get("ownerId").asString())
				.isEqualTo(created.json().get("ownerId").asString());

			// validation: bidi controls, empty names, over-long text, unknown connections
			TestApi.Response bidi = owner.post("/api/sql/saved", draft("evil\u202Egpj", target, "SELECT 1", "PRIVATE")
				.toString());
			assertThat(bidi.status()).isEqualTo(400);
			assertThat(bidi.body()).contains("name");
			assertThat(owner.post("/api/sql/saved", draft("ok", target, "SELECT '\u2066x\u2069'", "PRIVATE")
				.toString()).status()).isEqualTo(400);
			assertThat(owner.post("/api/sql/saved", draft(" ", target, "SELECT 1", "PRIVATE").toString()).status())
				.isEqualTo(400);
			assertThat(owner.post("/api/sql/saved", draft("x".repeat(201), target, "SELECT 1", "PRIVATE").toString())
				.status()).isEqualTo(400);
			ObjectNode elsewhere = draft("ok", target, "SELECT 1", "PRIVATE").put("connectionId",
					java.util.UUID.randomUUID().toString());
			assertThat(owner.post("/api/sql/saved", elsewhere.toString()).status()).isEqualTo(404);

			assertThat(owner.delete("/api/sql/saved/" + id).status()).isEqualTo(204);
			assertThat(owner.get("/api/sql/saved/" + id).status()).isEqualTo(404);

			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode audit = admin.get("/api/audit?targetId=" + id).json();
				assertThat(audit.get("items").findValuesAsString("action")).contains("sql.saved.create",
						"sql.saved.update", "sql.saved.delete");
			});
		}
	}

	@Test
	void aSavedQueryKeepsItsChart() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.SQLITE, dataDir, false, false)) {
			ObjectNode body = draft("Chart-" + System.nanoTime(), target, "SELECT 'a' AS k, 1 AS v", "PRIVATE");
			body.putObject("chart").put("type", "LINE").put("x", "k").put("aggregation", "SUM").putArray("ys")
				.add("v");
			TestApi.Response created = admin.post("/api/sql/saved", body.toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			JsonNode chart = admin.get("/api/sql/saved/" + id).json().get("chart");
			assertThat(chart.get("type").asString()).isEqualTo("LINE");
			assertThat(chart.get("x").asString()).isEqualTo("k");
			assertThat(chart.get("ys").get(0).asString()).isEqualTo("v");
			assertThat(chart.get("aggregation").asString()).isEqualTo("SUM");

			// the list shows it too; an update without a chart forgets it
			assertThat(admin.get("/api/sql/saved?q=" + body.get("name").asString()).json().get("items").get(0)
				.get("chart").get("type").asString()).isEqualTo("LINE");
			body.remove("chart");
			TestApi.Response plain = admin.put("/api/sql/saved/" + id, body.toString());
			assertThat(plain.status()).as(plain.body()).isEqualTo(200);
			assertThat(admin.get("/api/sql/saved/" + id).json().get("chart").isNull()).isTrue();

			ObjectNode bad = body.deepCopy();
			bad.putObject("chart").put("type", "PIE").put("x", "").putArray("ys");
			TestApi.Response refused = admin.put("/api/sql/saved/" + id, bad.toString());
			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("chart.x", "chart.ys");
			ObjectNode tooMany = body.deepCopy();
			var ys = tooMany.putObject("chart").put("type", "BAR").put("x", "k").putArray("ys");
			for (int i = 0; i < 17; i++) {
				ys.add("c" + i);
			}
			assertThat(admin.put("/api/sql/saved/" + id, tooMany.toString()).status()).isEqualTo(400);
			ObjectNode unsafe = body.deepCopy();
			unsafe.putObject("chart").put("type", "BAR").put("x", "k\u202E").putArray("ys").add("v").add("v");
			TestApi.Response unsafeRefused = admin.put("/api/sql/saved/" + id, unsafe.toString());
			assertThat(unsafeRefused.status()).isEqualTo(400);
			assertThat(unsafeRefused.body()).contains("chart.x", "chart.ys");
			ObjectNode unknownType = body.deepCopy();
			unknownType.putObject("chart").put("type", "RADAR").put("x", "k").putArray("ys").add("v");
			assertThat(admin.put("/api/sql/saved/" + id, unknownType.toString()).status()).isEqualTo(400);
			assertThat(admin.get("/api/sql/saved/" + id).json().get("chart").isNull()).isTrue();
			admin.delete("/api/sql/saved/" + id);
		}
	}

	@Test
	void historyIsSearchableByTextAndConnection() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target one = ConsoleTargets.create(admin, Kind.SQLITE, dataDir, false, false);
				Target two = ConsoleTargets.create(admin, Kind.SQLITE, dataDir, false, false)) {
			String marker = "hist_" + System.nanoTime();
			run(admin, one, "SELECT '" + marker + "_a'", null);
			run(admin, two, "SELECT '" + marker + "_b'", null);
			run(admin, two, "SELECT 'unrelated'", null);
			assertThat(admin.get("/api/sql/history?q=" + marker).json().get("totalElements").asLong()).isEqualTo(2);
			JsonNode onTwo = admin.get("/api/sql/history?q=" + marker + "&connectionId=" + two.connectionId()).json();
			assertThat(onTwo.get("totalElements").asLong()).isEqualTo(1);
			assertThat(onTwo.get("items").get(0).get("statement").asString()).contains(marker + "_b");
			JsonNode paged = admin.get("/api/sql/history?connectionId=" + two.connectionId() + "&size=1&page=1").json();
			assertThat(paged.get("totalElements").asLong()).isEqualTo(2);
			assertThat(paged.get("items").size()).isEqualTo(1);
			assertThat(paged.get("items").get(0).get("statement").asString()).contains(marker + "_b");
			assertThat(admin.get("/api/sql/history?size=101").status()).isEqualTo(400);
		}
	}

	@Test
	void completionListsSchemasAndTables() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.POSTGRESQL, dataDir, true, false)) {
			String database = target.scratch().name();
			JsonNode map = admin.get("/api/connections/" + target.connectionId() + "/catalog/completion?database="
					+ database).json();
			assertThat(map.get("truncated").asBoolean()).isFalse();
			JsonNode publicSchema = null;
			for (JsonNode s : map.get("schemas")) {
				if ("public".equals(s.get("name").asString())) {
					publicSchema = s;
				}
			}
			assertThat(publicSchema).as(map.toString()).isNotNull();
			assertThat(publicSchema.get("tables").findValuesAsString("name")).contains("track", "album", "artist");
		}
	}

	private static ObjectNode draft(String name, Target target, String sql, String visibility) {
		return TestApi.JSON.createObjectNode().put("name", name).put("description", "a query").put("connectionId",
				target.connectionId()).put("sql", sql).put("visibility", visibility);
	}
}
