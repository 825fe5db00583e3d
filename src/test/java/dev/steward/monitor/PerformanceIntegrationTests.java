package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Performance advice on crafted schemas in scratch databases on the shared PostgreSQL and MariaDB servers (an FK
 * without an index, a duplicate index, an unused index, a never-analyzed table), the fix SQL applied makes a
 * finding go away, and top queries there fall back to the running statements with the hint to switch statement
 * statistics on (neither shared server has them). VIEWERs read both, with literals masked.
 */
@IntegrationTest
class PerformanceIntegrationTests {

	@LocalServerPort
	int port;

	static String connection(TestApi api, String url) {
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "perf " + UUID.randomUUID()).put("url", url).put("shared", true).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	static List<JsonNode> findings(JsonNode advice) {
		return StreamSupport.stream(advice.get("findings").spliterator(), false).toList();
	}

	static JsonNode finding(JsonNode advice, String kind, String object) {
		return findings(advice).stream()
			.filter(f -> f.get("kind").asString().equals(kind) && f.get("object").asString().contains(object))
			.findFirst().orElseThrow(() -> new AssertionError("no " + kind + " on " + object + " in " + advice));
	}

	static boolean has(JsonNode advice, String kind, String object) {
		return findings(advice).stream()
			.anyMatch(f -> f.get("kind").asString().equals(kind) && f.get("object").asString().contains(object));
	}

	@Test
	void adviceOnACraftedPostgresSchemaFindsEachProblemAndItsFixWorks() {
		TestApi admin = TestApi.admin(port);
		try (var db = ScratchDatabases.postgres("perf_advice")) {
			db.exec("CREATE TABLE parent (id int PRIMARY KEY)",
					"CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id), code text, note text)",
					"CREATE INDEX child_code ON child (code)", "CREATE INDEX child_code_again ON child (code)",
					"CREATE INDEX child_note ON child (note)", "CREATE TABLE \"Never Analyzed\" (id int)",
					"INSERT INTO \"Never Analyzed\" SELECT generate_series(1, 10)");
			String id = connection(admin, "postgresql://postgres@127.0.0.1:5432/" + db.name());
			String path = "/api/connections/" + id + "/performance/advice";
			// table statistics reach the views shortly after the writing session reports them
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
				.until(() -> has(admin.get(path).json(), "NEVER_ANALYZED", "Never Analyzed"));
			JsonNode advice = admin.get(path).json();

			JsonNode fk = finding(advice, "FOREIGN_KEY_WITHOUT_INDEX", "public.child");
			assertThat(fk.get("fixSql").asString()).isEqualTo("CREATE INDEX CONCURRENTLY ON \"public\".\"child\" (\"parent_id\");");
			assertThat(fk.get("evidence").get("columns").asString()).isEqualTo("parent_id");
			JsonNode duplicate = finding(advice, "DUPLICATE_INDEX", "public.child_code_again");
			assertThat(duplicate.get("fixSql").asString()).isEqualTo("DROP INDEX CONCURRENTLY \"public\".\"child_code_again\";");
			assertThat(duplicate.get("evidence").get("same as").asString()).contains("child_code");
			assertThat(findings(advice)).as("the first of two equal indexes stays")
				.noneMatch(f -> f.get("kind").asString().equals("DUPLICATE_INDEX")
						&& f.get("object").asString().equals("public.child_code"));
			JsonNode unused = finding(advice, "UNUSED_INDEX", "public.child_note");
			assertThat(unused.get("evidence").get("scans").asString()).isEqualTo("0");
			assertThat(unused.get("fixSql").asString()).isEqualTo("DROP INDEX CONCURRENTLY \"public\".\"child_note\";");
			assertThat(has(advice, "UNUSED_INDEX", "child_pkey")).as("primary keys are never unused").isFalse();
			JsonNode never = finding(advice, "NEVER_ANALYZED", "Never Analyzed");
			assertThat(never.get("fixSql").asString()).isEqualTo("ANALYZE \"public\".\"Never Analyzed\";");
			assertThat(advice.get("features").get("findings").size()).isGreaterThanOrEqualTo(8);

			// the fixes as given run, and their findings go
			db.exec(fk.get("fixSql").asString(), duplicate.get("fixSql").asString(), never.get("fixSql").asString());
			JsonNode after = admin.get(path).json();
			assertThat(has(after, "FOREIGN_KEY_WITHOUT_INDEX", "public.child")).isFalse();
			assertThat(has(after, "DUPLICATE_INDEX", "child_code")).isFalse();
			assertThat(has(after, "NEVER_ANALYZED", "Never Analyzed")).isFalse();

			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			assertThat(viewer.get(path).status()).isEqualTo(200);
			assertThat(viewer.get(path + "?limit=0").status()).isEqualTo(400);
			assertThat(admin.get(path + "?limit=1").json().get("findings").size()).isEqualTo(1);
			assertThat(admin.get("/api/connections/" + UUID.randomUUID() + "/performance/advice").status()).isEqualTo(404);
			assertThat(TestApi.anonymous(port).get(path).status()).isEqualTo(401);
			admin.delete("/api/connections/" + id);
		}
	}

	@Test
	void withoutPgStatStatementsTopQueriesShowWhatRunsWithTheHintAndViewersSeeNoLiterals() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (var db = ScratchDatabases.postgres("perf_fallback")) {
			String id = connection(admin, "postgresql://postgres@127.0.0.1:5432/" + db.name());
			String path = "/api/connections/" + id + "/performance/queries";
			try (Connection c = db.connect(); Statement s = c.createStatement()) {
				CompletableFuture<?> sleeping = CompletableFuture.runAsync(() -> {
					try {
						s.execute("SELECT pg_sleep(6), 'top secret 4711'");
					}
					catch (java.sql.SQLException e) {
						// cancelled below
					}
				});
				await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
					.until(() -> admin.get(path).json().get("statements").toString().contains("pg_sleep"));
				JsonNode top = admin.get(path + "?limit=5").json();
				assertThat(top.get("source").asString()).isEqualTo("ACTIVITY_SAMPLE");
				assertThat(top.get("unavailable").get("reason").asString()).isEqualTo("EXTENSION_NOT_LOADED");
				assertThat(top.get("unavailable").get("hint").asString()).contains("shared_preload_libraries")
					.contains("CREATE EXTENSION pg_stat_statements");
				assertThat(top.get("literalsMasked").asBoolean()).isFalse();
				assertThat(top.get("statements").toString()).contains("top secret 4711");
				JsonNode running = StreamSupport.stream(top.get("statements").spliterator(), false)
					.filter(st -> st.get("text").asString().contains("pg_sleep")).findFirst().orElseThrow();
				assertThat(running.get("calls").asLong()).isEqualTo(1);
				assertThat(running.get("totalMillis").asDouble()).isPositive();

				TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
				JsonNode masked = viewer.get(path).json();
				assertThat(masked.get("literalsMasked").asBoolean()).isTrue();
				assertThat(masked.get("statements").toString()).contains("pg_sleep(?), ?").doesNotContain("4711")
					.doesNotContain("top secret");
				assertThat(viewer.get(path + "?limit=101").status()).isEqualTo(400);
				assertThat(viewer.get(path + "?limit=x").status()).isEqualTo(400);
				s.cancel();
				sleeping.get();
			}
			admin.delete("/api/connections/" + id);
		}
	}

	@Test
	void mariaDbAdviceFindsTheForeignKeyWithoutIndexAndTheDuplicateAndSaysWhyUnusedIsNotChecked() {
		TestApi admin = TestApi.admin(port);
		try (var db = ScratchDatabases.mariadb("perf_maria")) {
			// InnoDB indexes a foreign key by itself; with the checks off its index can still be dropped
			db.exec("CREATE TABLE p (id int PRIMARY KEY) ENGINE=InnoDB",
					"CREATE TABLE c (id int PRIMARY KEY, pid int, code varchar(20), CONSTRAINT fk_c FOREIGN KEY (pid) "
							+ "REFERENCES p (id)) ENGINE=InnoDB",
					"SET foreign_key_checks = 0", "ALTER TABLE c DROP INDEX fk_c", "SET foreign_key_checks = 1",
					"CREATE INDEX c_code ON c (code)", "CREATE INDEX c_code_2 ON c (code)");
			String id = connection(admin, "mysql://root@127.0.0.1:3306/" + db.name());
			String path = "/api/connections/" + id + "/performance/advice";
			JsonNode advice = admin.get(path).json();
			JsonNode fk = finding(advice, "FOREIGN_KEY_WITHOUT_INDEX", db.name() + ".c");
			assertThat(fk.get("fixSql").asString()).isEqualTo("ALTER TABLE `" + db.name() + "`.`c` ADD INDEX (`pid`);");
			JsonNode duplicate = finding(advice, "DUPLICATE_INDEX", "c_code_2");
			assertThat(duplicate.get("fixSql").asString()).isEqualTo("ALTER TABLE `" + db.name() + "`.`c` DROP INDEX `c_code_2`;");
			assertThat(advice.get("skipped").toString()).contains("UNUSED_INDEX").contains("performance_schema");

			db.exec(fk.get("fixSql").asString(), duplicate.get("fixSql").asString());
			JsonNode after = admin.get(path).json();
			assertThat(has(after, "FOREIGN_KEY_WITHOUT_INDEX", ".c")).isFalse();
			assertThat(has(after, "DUPLICATE_INDEX", "c_code")).isFalse();

			JsonNode top = admin.get("/api/connections/" + id + "/performance/queries").json();
			assertThat(top.get("source").asString()).isEqualTo("ACTIVITY_SAMPLE");
			assertThat(top.get("unavailable").get("reason").asString()).isEqualTo("INSTRUMENTATION_OFF");
			assertThat(top.get("unavailable").get("hint").asString()).contains("performance_schema = ON");
			admin.delete("/api/connections/" + id);
		}
	}
}
