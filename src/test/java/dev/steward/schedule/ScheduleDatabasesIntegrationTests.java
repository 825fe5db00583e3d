package dev.steward.schedule;

import static dev.steward.schedule.ScheduleTesting.create;
import static dev.steward.schedule.ScheduleTesting.cronSchedule;
import static dev.steward.schedule.ScheduleTesting.runs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backups of a chosen database of a connection's server, on real PostgreSQL and MariaDB scratch databases: a
 * manual backup of another database, a name the server does not list refused, and schedules that back up a list
 * of databases or all of them, one backup per database per run, each restorable, with retention per database.
 */
@IntegrationTest
class ScheduleDatabasesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void postgresBackupsOfChosenDatabasesRestoreAndRetentionKeepsEachDatabasesNewest() throws Exception {
		TestApi api = TestApi.admin(port);
		try (Scratch own = ScratchDatabases.postgres("dbs_own"); Scratch b = ScratchDatabases.postgres("dbs_b");
				Scratch c = ScratchDatabases.postgres("dbs_c")) {
			b.exec("CREATE TABLE only_in_b (id int)", "INSERT INTO only_in_b SELECT generate_series(1, 7)");
			c.exec("CREATE TABLE only_in_c (id int)", "INSERT INTO only_in_c SELECT generate_series(1, 5)");
			String connection = connection(api, TestApi.JSON.createObjectNode()
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + own.name()));

			// a manual backup of another database of the server
			TestApi.Response unknown = api.post("/api/backups", backupBody(connection, "no_such_db_" + UUID.randomUUID().toString().substring(0, 8)));
			assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
			assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
			TestApi.Response hostile = api.post("/api/backups", backupBody(connection, "x\"; DROP DATABASE " + b.name()));
			assertThat(hostile.status()).as(hostile.body()).isIn(400, 422);
			TestApi.Response started = api.post("/api/backups", backupBody(connection, b.name()));
			assertThat(started.status()).as(started.body()).isEqualTo(202);
			assertThat(started.json().get("database").asString()).isEqualTo(b.name());
			JsonNode manual = awaitCompleted(api, started.json().get("id").asString());
			assertThat(manual.get("fileName").asString()).contains(b.name().replace('_', '-'));
			TestApi.Response plain = api.get("/api/backups/" + manual.get("id").asString() + "/download");
			assertThat(plain.status()).isEqualTo(200);
			assertThat(plain.body()).startsWith("PGDMP").contains("only_in_b").doesNotContain("only_in_c");
			// a restore into the same connection without a database goes back into the backup's database
			TestApi.Response unconfirmed = api.post("/api/backups/" + manual.get("id").asString() + "/restore",
					TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("confirm", own.name()).toString());
			assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(409);
			assertThat(unconfirmed.body()).contains("'" + b.name() + "'");

			// a schedule of two databases: one backup each per run, each its own job and row
			ObjectNode body = cronSchedule("two databases", connection, "0 3 * * *", "UTC").put("databaseMode", "LIST");
			body.putArray("databases").add(b.name()).add(c.name());
			body.putObject("retention").put("keepLast", 1);
			ObjectNode wrong = body.deepCopy();
			wrong.putArray("databases").add(b.name()).add("no_such_db_here");
			TestApi.Response refused = api.post("/api/schedules", wrong.toString());
			assertThat(refused.status()).as(refused.body()).isIn(400, 422);
			assertThat(refused.body()).contains("databases");
			JsonNode schedule = create(api, body);
			assertThat(schedule.get("databaseMode").asString()).isEqualTo("LIST");
			String id = schedule.get("id").asString();

			JsonNode first = runNow(api, id);
			assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
			assertThat(databases(first)).containsExactlyInAnyOrder(b.name(), c.name());
			for (JsonNode made : first.get("backups")) {
				JsonNode backup = api.get("/api/backups/" + made.get("backupId").asString()).json();
				assertThat(backup.get("database").asString()).isEqualTo(made.get("database").asString());
				assertThat(backup.get("trigger").asString()).isEqualTo("SCHEDULED");
				String table = made.get("database").asString().equals(b.name()) ? "only_in_b" : "only_in_c";
				long rows = table.equals("only_in_b") ? 7 : 5;
				String target = ScratchDatabases.uniqueName("dbs_restored");
				try {
					ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection)
						.put("database", target).put("newDatabase", true).put("confirm", target);
					JobsTesting.Finished restored = JobsTesting.restore(api, backup.get("id").asString(), restore.toString());
					assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
					assertThat(count(ScratchDatabases.pgUrlFor(target), ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD, table))
						.isEqualTo(rows);
				}
				finally {
					ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
							"DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
				}
			}

			// a second run: keep-last 1 applies to each database on its own (one policy over both would keep one)
			JsonNode second = runNow(api, id);
			assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("SUCCEEDED");
			assertThat(second.get("retention").asString()).contains(b.name()).contains(c.name());
			List<JsonNode> completed = ScheduleTesting.completedBackups(api, connection);
			List<String> secondIds = new ArrayList<>();
			second.get("backups").forEach(x -> secondIds.add(x.get("backupId").asString()));
			assertThat(completed.stream().filter(x -> "SCHEDULED".equals(x.get("trigger").asString()))
				.map(x -> x.get("id").asString())).containsExactlyInAnyOrderElementsOf(secondIds);
			assertThat(completed.stream().map(x -> x.get("id").asString())).as("the manual backup is not the schedule's")
				.contains(manual.get("id").asString());
			JsonNode preview = api.get("/api/schedules/" + id + "/retention/preview").json();
			assertThat(preview.get("targets")).hasSize(2);

			// one database gone: the run fails naming it, the other database's backup is made, nothing is deleted
			c.close();
			JsonNode third = runNow(api, id);
			assertThat(third.get("status").asString()).as(third.toString()).isEqualTo("FAILED");
			assertThat(third.get("error").asString()).contains(c.name());
			assertThat(third.get("retention").isNull()).isTrue();
			assertThat(databases(third)).contains(b.name());
			assertThat(ScheduleTesting.completedBackups(api, connection).stream().map(x -> x.get("id").asString()))
				.as("the last good backup of each database survives a failed run").containsAll(secondIds);
			api.delete("/api/schedules/" + id);
		}
	}

	@Test
	void mariadbAllBacksUpEveryUserDatabaseTheConnectionReachesAndLeavesSystemOnesOut() throws Exception {
		TestApi api = TestApi.admin(port);
		String user = "stw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String password = "pw_" + UUID.randomUUID().toString().replace("-", "");
		String root = ScratchDatabases.MARIADB_URL;
		try (Scratch one = ScratchDatabases.mariadb("dbs_one"); Scratch two = ScratchDatabases.mariadb("dbs_two")) {
			one.exec("CREATE TABLE t1 (id INT)", "INSERT INTO t1 VALUES (1), (2), (3)");
			two.exec("CREATE TABLE t2 (id INT)", "INSERT INTO t2 VALUES (1), (2)");
			// a user who reaches only the two scratch databases: "all" is what the server lists for the connection
			ScratchDatabases.exec(root, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD,
					"CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
					"GRANT ALL ON " + one.name() + ".* TO '" + user + "'@'%'",
					"GRANT ALL ON " + two.name() + ".* TO '" + user + "'@'%'");
			try {
				String connection = connection(api, TestApi.JSON.createObjectNode().put("engine", "MYSQL")
					.put("host", "127.0.0.1").put("port", 3306).put("database", one.name()).put("username", user)
					.put("password", password));
				String restoreServer = connection(api, TestApi.JSON.createObjectNode().put("engine", "MYSQL")
					.put("host", "127.0.0.1").put("port", 3306).put("database", one.name())
					.put("username", ScratchDatabases.MARIADB_USER));
				assertThat(api.post("/api/backups", backupBody(connection, "mysql")).status())
					.as("a system database the user cannot reach").isEqualTo(404);

				ObjectNode body = cronSchedule("all databases", connection, "0 3 * * *", "UTC").put("databaseMode", "ALL");
				String id = create(api, body).get("id").asString();
				JsonNode run = runNow(api, id);
				assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
				assertThat(databases(run)).containsExactlyInAnyOrder(one.name(), two.name());
				for (JsonNode made : run.get("backups")) {
					String database = made.get("database").asString();
					String table = database.equals(one.name()) ? "t1" : "t2";
					String target = ScratchDatabases.uniqueName("dbs_rest");
					try {
						ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", restoreServer)
							.put("database", target).put("newDatabase", true).put("confirm", target);
						JobsTesting.Finished restored = JobsTesting.restore(api, made.get("backupId").asString(),
								restore.toString());
						assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
						assertThat(count(root + target, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD, table))
							.isEqualTo(table.equals("t1") ? 3 : 2);
					}
					finally {
						ScratchDatabases.exec(root, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD,
								"DROP DATABASE IF EXISTS " + target);
					}
				}
				api.delete("/api/schedules/" + id);
			}
			finally {
				ScratchDatabases.exec(root, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD,
						"DROP USER IF EXISTS '" + user + "'@'%'");
			}
		}
	}

	@Test
	void anOperatorWhoCannotSeeTheConnectionGets404BeforeTheDatabaseIsLookedAt() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch own = ScratchDatabases.postgres("dbs_rights")) {
			String connection = connection(admin, TestApi.JSON.createObjectNode().put("shared", false)
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + own.name()));
			TestApi viewer = dev.steward.test.TestUsers.create(port, "VIEWER").login(port);
			TestApi operator = dev.steward.test.TestUsers.create(port, "OPERATOR").login(port);
			String hostile = backupBody(connection, "../../etc/passwd\u0000");
			assertThat(viewer.post("/api/backups", backupBody(connection, "postgres")).status()).isEqualTo(403);
			assertThat(operator.post("/api/backups", backupBody(connection, "postgres")).status()).isEqualTo(404);
			assertThat(admin.post("/api/backups", hostile).status()).isIn(400, 422);
			ObjectNode schedule = cronSchedule("x", connection, "0 3 * * *", "UTC").put("databaseMode", "LIST");
			schedule.putArray("databases").add("postgres");
			assertThat(viewer.post("/api/schedules", schedule.toString()).status()).isEqualTo(403);
			assertThat(operator.post("/api/schedules", schedule.toString()).status()).isEqualTo(404);
			ObjectNode mixed = cronSchedule("x", connection, "0 3 * * *", "UTC").put("databaseMode", "DEFAULT");
			mixed.putArray("databases").add(own.name());
			assertThat(admin.post("/api/schedules", mixed.toString()).body()).contains("databases");
		}
	}

	private static String connection(TestApi api, ObjectNode body) {
		TestApi.Response r = api.post("/api/connections", body.put("name", "dbs " + UUID.randomUUID())
			.put("browseAllDatabases", true).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private static String backupBody(String connection, String database) {
		return TestApi.JSON.createObjectNode().put("connectionId", connection).put("database", database)
			.put("encrypted", false).toString();
	}

	private static JsonNode awaitCompleted(TestApi api, String id) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = api.get("/api/backups/" + id).json();
			return !"IN_PROGRESS".equals(last[0].get("status").asString());
		});
		assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo("COMPLETED");
		return last[0];
	}

	/** Starts a manual run and answers it once finished. */
	private static JsonNode runNow(TestApi api, String schedule) {
		TestApi.Response started = api.post("/api/schedules/" + schedule + "/run", null);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String runId = started.json().get("id").asString();
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = runs(api, schedule).stream().filter(r -> r.get("id").asString().equals(runId)).findFirst().orElseThrow();
			return !"RUNNING".equals(last[0].get("status").asString());
		});
		return last[0];
	}

	private static List<String> databases(JsonNode run) {
		List<String> names = new ArrayList<>();
		run.get("backups").forEach(b -> {
			if (!b.get("database").isNull()) {
				names.add(b.get("database").asString());
			}
		});
		return names;
	}

	private static long count(String url, String user, String password, String table) throws Exception {
		try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
