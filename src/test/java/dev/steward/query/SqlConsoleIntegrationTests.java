package dev.steward.query;

import static dev.steward.query.ConsoleTargets.allRows;
import static dev.steward.query.ConsoleTargets.await;
import static dev.steward.query.ConsoleTargets.run;
import static dev.steward.query.ConsoleTargets.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

/** The SQL console's contract, the same for every engine: real Steward, real PostgreSQL, MariaDB and SQLite. */
@IntegrationTest
class SqlConsoleIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@ParameterizedTest
	@EnumSource(Kind.class)
	void pagesThroughEveryRowOfChinooksTracks(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, true, false)) {
			JsonNode done = run(admin, target, target.tracksQuery(), null);
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			JsonNode result = done.get("results").get(0);
			assertThat(result.get("columns").get(0).get("kind").asString()).isEqualTo("NUMBER");
			assertThat(result.get("rows").size()).isEqualTo(200);
			assertThat(result.get("hasMore").asBoolean()).isTrue();
			// the cursor's own transaction is not the user's
			assertThat(done.get("inTransaction").asBoolean()).isFalse();

			List<JsonNode> rows = allRows(admin, done, 0, 700);
			assertThat(rows).hasSize(3503);
			for (int i = 0; i < rows.size(); i++) {
				assertThat(rows.get(i).get(0).asString()).isEqualTo(Integer.toString(i + 1));
			}
			// rows paged past the window are released, not re-read
			TestApi.Response beyond = admin.get("/api/sql/executions/" + done.get("id").asString()
					+ "/rows?result=0&offset=3503&limit=10");
			assertThat(beyond.json().get("rows").size()).isZero();
			assertThat(beyond.json().get("hasMore").asBoolean()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aScriptStopsAtItsFailingStatementAndKeepsWhatRanBefore(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			String script = "CREATE TABLE kept (id INT);\nINSERT INTO kept VALUES (1);\n"
					+ "SELECT * FROM no_such_table;\nINSERT INTO kept VALUES (2);";
			JsonNode done = run(admin, target, script, null);
			assertThat(done.get("status").asString()).isEqualTo("FAILED");
			assertThat(done.get("statementCount").asInt()).isEqualTo(4);
			assertThat(done.get("results").size()).isEqualTo(2);
			assertThat(done.get("results").get(1).get("updateCount").asLong()).isEqualTo(1);
			JsonNode error = done.get("error");
			assertThat(error.get("statementIndex").asInt()).isEqualTo(2);
			assertThat(error.get("line").asInt()).isEqualTo(3);
			assertThat(error.get("message").asString()).containsIgnoringCase("no_such_table");
			if (kind == Kind.POSTGRESQL) {
				assertThat(error.get("position").asInt()).isEqualTo(15);
			}
			assertThat(target.count("kept")).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void valuesKeepTheirTypesExactly(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			String sql = switch (kind) {
				case POSTGRESQL -> "SELECT 12345678901234567890.123456789::numeric AS n,"
						+ " timestamptz '2024-05-06 07:08:09.123+02' AS ts, '\\x00ff10'::bytea AS b, NULL AS nul,"
						+ " 'NULL' AS s, 'Grüße, 世界 🌍' AS u, '{\"a\": [1, 2]}'::jsonb AS j, true AS t";
				case MARIADB -> "SELECT CAST('12345678901234567890.123456789' AS DECIMAL(38,9)) AS n,"
						+ " TIMESTAMP '2024-05-06 07:08:09.123' AS ts, X'00FF10' AS b, NULL AS nul, 'NULL' AS s,"
						+ " 'Grüße, 世界 🌍' AS u";
				case SQLITE -> "SELECT 9223372036854775807 AS n, '2024-05-06T07:08:09.123+02:00' AS ts,"
						+ " X'00FF10' AS b, NULL AS nul, 'NULL' AS s, 'Grüße, 世界 🌍' AS u";
			};
			JsonNode done = run(admin, target, sql, null);
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			JsonNode row = done.get("results").get(0).get("rows").get(0);
			JsonNode columns = done.get("results").get(0).get("columns");
			assertThat(row.get(0).asString()).isEqualTo(kind == Kind.SQLITE ? "9223372036854775807"
					: "12345678901234567890.123456789");
			assertThat(row.get(1).asString()).isEqualTo(switch (kind) {
				case POSTGRESQL -> "2024-05-06T05:08:09.123Z";
				case MARIADB -> "2024-05-06T07:08:09.123";
				case SQLITE -> "2024-05-06T07:08:09.123+02:00";
			});
			assertThat(row.get(2).asString()).isEqualTo("\\x00ff10");
			assertThat(row.get(3).isNull()).isTrue();
			assertThat(row.get(4).asString()).isEqualTo("NULL");
			assertThat(row.get(5).asString()).isEqualTo("Grüße, 世界 🌍");
			if (kind == Kind.POSTGRESQL) {
				assertThat(columns.get(1).get("type").asString()).isEqualTo("timestamptz");
				assertThat(columns.get(2).get("kind").asString()).isEqualTo("BINARY");
				assertThat(columns.get(6).get("kind").asString()).isEqualTo("JSON");
				assertThat(row.get(6).asString()).isEqualTo("{\"a\": [1, 2]}");
				assertThat(row.get(7).asString()).isEqualTo("true");
				JsonNode notice = run(admin, target, "DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$", null);
				assertThat(notice.get("results").get(0).get("notices").toString()).contains("hello 42");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "POSTGRESQL", "MARIADB" })
	void cancelStopsTheStatementAtTheServer(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			String sleep = kind == Kind.POSTGRESQL ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)";
			String execution = start(admin, target, sleep, null).get("id").asString();
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> running(target, sleep) == 1);

			TestApi.Response cancel = admin.post("/api/sql/executions/" + execution + "/cancel", null);
			assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
			long cancelledAt = System.nanoTime();
			Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> running(target, sleep) == 0);
			assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
			assertThat(await(admin, execution).get("status").asString()).isEqualTo("CANCELLED");
		}
	}

	/** Only the connect is bounded by steward.engine.connect-timeout (5 s): a statement may run longer. */
	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "POSTGRESQL", "MARIADB" })
	void aStatementMayRunLongerThanTheConnectTimeout(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			String sleep = kind == Kind.POSTGRESQL ? "SELECT pg_sleep(6.5)" : "SELECT SLEEP(6.5)";
			JsonNode done = run(admin, target, sleep, null);
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			assertThat(done.get("durationMillis").asLong()).isGreaterThanOrEqualTo(6500);
		}
	}

	/** Running something else on the session releases an earlier cursor; paging it never waits for the new run. */
	@Test
	void movingOnReleasesTheEarlierCursor() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, Kind.POSTGRESQL, dataDir, false, false)) {
			JsonNode first = run(admin, target, "SELECT g FROM generate_series(1, 1000) g", null);
			assertThat(first.get("results").get(0).get("hasMore").asBoolean()).isTrue();
			String second = start(admin, target, "SELECT pg_sleep(4)", first.get("sessionId").asString()).get("id")
				.asString();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running(target, "SELECT pg_sleep(4)") == 1);
			long before = System.nanoTime();
			TestApi.Response page = admin.get("/api/sql/executions/" + first.get("id").asString()
					+ "/rows?result=0&offset=200&limit=100");
			assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertThat(page.json().get("rows").size()).isZero();
			assertThat(page.json().get("hasMore").asBoolean()).isFalse();
			// its first page stays
			assertThat(admin.get("/api/sql/executions/" + first.get("id").asString()).json().get("results").get(0)
				.get("rows").size()).isEqualTo(200);
			assertThat(await(admin, second).get("status").asString()).isEqualTo("COMPLETED");
		}
	}

	/** Statements running {@code sql} on the target's server, seen from a connection of the test's own. */
	private static long running(Target target, String sql) throws Exception {
		String query = target.kind() == Kind.POSTGRESQL
				? "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query = '" + sql + "'"
				: "SELECT COUNT(*) FROM information_schema.processlist WHERE info = '" + sql + "'";
		try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aViewersWritesFailAtTheDatabaseAndChangeNothing(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, true)) {
			assertThat(run(admin, target, "CREATE TABLE guarded (id INT); INSERT INTO guarded VALUES (1), (2)", null)
				.get("status").asString()).isEqualTo("COMPLETED");
			String lift = switch (kind) {
				case POSTGRESQL -> "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE";
				case MARIADB -> "SET SESSION TRANSACTION READ WRITE";
				case SQLITE -> "PRAGMA query_only = 0";
			};
			List<String> failures = new ArrayList<>();
			for (String write : List.of("DELETE FROM guarded", "DROP TABLE guarded", lift + ";\nDELETE FROM guarded")) {
				JsonNode done = run(viewer, target, write, null);
				assertThat(done.get("readOnly").asBoolean()).isTrue();
				assertThat(done.get("status").asString()).as(write + ": " + done).isEqualTo("FAILED");
				failures.add(done.get("error").get("message").asString());
				assertThat(target.count("guarded")).as(write).isEqualTo(2);
			}
			// an OPERATOR who may not edit the connection (someone else's shared one) is read-only too
			TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
			JsonNode refused = run(operator, target, "DELETE FROM guarded", null);
			assertThat(refused.get("readOnly").asBoolean()).isTrue();
			assertThat(refused.get("status").asString()).isEqualTo("FAILED");
			failures.add(refused.get("error").get("message").asString());
			assertThat(target.count("guarded")).isEqualTo(2);
			assertThat(failures).allSatisfy(m -> assertThat(m.toLowerCase()).containsAnyOf("read-only", "read only",
					"readonly", "attempt to write"));
			// reading works
			JsonNode read = run(viewer, target, "SELECT COUNT(*) FROM guarded", null);
			assertThat(read.get("results").get(0).get("rows").get(0).get(0).asString()).isEqualTo("2");
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aSessionKeepsItsStateAndTransactionBetweenRuns(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(admin, kind, dataDir, false, false)) {
			run(admin, target, "CREATE TABLE tx (id INT)", null);
			JsonNode first = run(admin, target, "CREATE TEMPORARY TABLE scratchpad (v INT)", null);
			String session = first.get("sessionId").asString();
			assertThat(run(admin, target, "INSERT INTO scratchpad VALUES (7)", session).get("status").asString())
				.isEqualTo("COMPLETED");
			JsonNode temp = run(admin, target, "SELECT v FROM scratchpad", session);
			assertThat(temp.get("results").get(0).get("rows").get(0).get(0).asString()).isEqualTo("7");

			run(admin, target, target.begin(), session);
			JsonNode inserted = run(admin, target, "INSERT INTO tx VALUES (1)", session);
			if (kind != Kind.SQLITE) {
				assertThat(inserted.get("inTransaction").asBoolean()).isTrue();
				assertThat(target.count("tx")).isZero(); // not committed: invisible outside
			}
			assertThat(run(admin, target, "SELECT COUNT(*) FROM tx", session).get("results").get(0).get("rows").get(0)
				.get(0).asString()).isEqualTo("1");
			run(admin, target, "ROLLBACK", session);
			assertThat(target.count("tx")).isZero();
			assertThat(run(admin, target, "SELECT COUNT(*) FROM tx", session).get("results").get(0).get("rows").get(0)
				.get(0).asString()).isEqualTo("0");

			if (kind == Kind.POSTGRESQL) {
				run(admin, target, "CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.only_here (x INT)", session);
				run(admin, target, "SET search_path TO elsewhere", session);
				JsonNode found = run(admin, target, "SELECT COUNT(*) FROM only_here", session);
				assertThat(found.get("status").asString()).as(found.toString()).isEqualTo("COMPLETED");
			}
		}
	}

	@Test
	void executionsAndHistoryAreTheirUsersOwnAndAudited() throws Exception {
		TestApi admin = TestApi.admin(port);
		var operator = TestUsers.create(port, "OPERATOR");
		TestApi other = operator.login(port);
		try (Target target = ConsoleTargets.create(admin, Kind.SQLITE, dataDir, false, true)) {
			String marker = "history_marker_" + System.nanoTime();
			JsonNode done = run(admin, target, "SELECT '" + marker + "' AS m", null);
			String id = done.get("id").asString();
			assertThat(other.get("/api/sql/executions/" + id).status()).isEqualTo(404);
			assertThat(other.get("/api/sql/executions/" + id + "/rows?result=0").status()).isEqualTo(404);
			assertThat(other.post("/api/sql/executions/" + id + "/cancel", null).status()).isEqualTo(404);
			JsonNode foreignSession = TestApi.JSON.createObjectNode().put("sql", "SELECT 1")
				.put("sessionId", done.get("sessionId").asString());
			assertThat(other.post("/api/connections/" + target.connectionId() + "/sql", foreignSession.toString())
				.status()).isEqualTo(404);

			JsonNode mine = admin.get("/api/sql/history?q=" + marker + "&connectionId=" + target.connectionId()).json();
			assertThat(mine.get("totalElements").asLong()).isEqualTo(1);
			assertThat(mine.get("items").get(0).get("status").asString()).isEqualTo("COMPLETED");
			assertThat(mine.get("items").get(0).get("rowsReturned").asLong()).isEqualTo(1);
			assertThat(other.get("/api/sql/history?q=" + marker).json().get("totalElements").asLong()).isZero();

			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode audit = admin.get("/api/audit?action=sql.execute&targetId=" + target.connectionId()).json();
				assertThat(audit.get("items").size()).isEqualTo(1);
				assertThat(audit.get("items").get(0).get("detail").asString()).contains(marker).contains("COMPLETED");
			});

			// logging out closes the user's console sessions
			TestApi.Response ran = other.post("/api/connections/" + target.connectionId() + "/sql", "{\"sql\":\"SELECT 1\"}");
			String otherSession = ran.json().get("sessionId").asString();
			await(other, ran.json().get("id").asString());
			assertThat(other.post("/api/auth/logout", null).status()).isEqualTo(204);
			TestApi again = operator.login(port);
			TestApi.Response stale = again.post("/api/connections/" + target.connectionId() + "/sql",
					TestApi.JSON.createObjectNode().put("sql", "SELECT 1").put("sessionId", otherSession).toString());
			assertThat(stale.status()).as(stale.body()).isEqualTo(404);

			TestApi.Response blank = admin.post("/api/connections/" + target.connectionId() + "/sql", "{\"sql\":\" \"}");
			assertThat(blank.status()).isEqualTo(400);
			assertThat(blank.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
		}
	}
}
