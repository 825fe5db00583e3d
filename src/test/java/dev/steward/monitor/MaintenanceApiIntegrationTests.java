package dev.steward.monitor;

import static dev.steward.schedule.ScheduleTesting.tinySqliteConnectionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Maintenance as jobs on real targets: PostgreSQL VACUUM / ANALYZE / REINDEX with progress to 100 % and audited at
 * start and end, a cancel that stops the statement at the server, MariaDB CHECK TABLE, SQLite integrity_check;
 * operations the engine does not offer, unknown and hostile table names refused; a VIEWER refused first.
 */
@IntegrationTest
class MaintenanceApiIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	MaintenanceSchedules schedules;

	@Autowired
	JdbcClient jdbc;

	Scratch db;

	@AfterEach
	void drop() {
		if (db != null) {
			db.close();
		}
	}

	String register(TestApi admin, String url) {
		TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "maintenance " + UUID.randomUUID()).put("url", url).put("shared", true).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	static JsonNode finished(TestApi api, String jobId) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> !api.get("/api/jobs/" + jobId).json().get("finishedAt").isNull());
		return api.get("/api/jobs/" + jobId).json();
	}

	static String start(TestApi api, String connection, String body) {
		TestApi.Response r = api.post("/api/connections/" + connection + "/maintenance", body);
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		assertThat(r.json().get("kind").asString()).isEqualTo("MAINTENANCE");
		return r.json().get("id").asString();
	}

	@Test
	void postgresVacuumAnalyzeAndReindexRunAsAuditedJobsWithProgress() throws Exception {
		TestApi admin = TestApi.admin(port);
		db = ScratchDatabases.postgres("maint");
		db.exec("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g",
				"CREATE SCHEMA \"odd \"\"schema\"", "CREATE TABLE \"odd \"\"schema\".\"we;ird\" (id int)");
		String connection = register(admin, "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name());

		JsonNode offered = admin.get("/api/connections/" + connection + "/maintenance/operations").json();
		assertThat(offered.toString()).contains("VACUUM", "VACUUM_ANALYZE", "ANALYZE", "VACUUM_FULL", "REINDEX")
			.doesNotContain("OPTIMIZE", "INTEGRITY_CHECK");

		for (String operation : new String[] { "VACUUM", "ANALYZE", "REINDEX", "VACUUM_FULL" }) {
			String job = start(admin, connection,
					"{\"operation\":\"" + operation + "\",\"tables\":[{\"schema\":\"public\",\"name\":\"t\"}]}");
			JsonNode done = finished(admin, job);
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			assertThat(done.get("progress").get("done").asLong()).isEqualTo(100);
			assertThat(done.get("progress").get("total").asLong()).isEqualTo(100);
			assertThat(done.get("progress").get("unit").asString()).isEqualTo("PERCENT");
			assertThat(done.get("summary").asString()).contains(operation, "1 table");
		}
		String whole = start(admin, connection, "{\"operation\":\"VACUUM_ANALYZE\"}");
		JsonNode wholeDone = finished(admin, whole);
		assertThat(wholeDone.get("status").asString()).as(wholeDone.toString()).isEqualTo("COMPLETED");
		assertThat(wholeDone.get("summary").asString()).as("t and the oddly named table").contains("2 table");
		try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL "
						+ "FROM pg_stat_user_tables WHERE relname = 't'")) {
			rs.next();
			assertThat(rs.getBoolean(1)).as("vacuumed").isTrue();
			assertThat(rs.getBoolean(2)).as("analyzed").isTrue();
		}

		String odd = "{\"operation\":\"ANALYZE\",\"tables\":[{\"schema\":\"odd \\\"schema\",\"name\":\"we;ird\"}]}";
		assertThat(finished(admin, start(admin, connection, odd)).get("status").asString()).isEqualTo("COMPLETED");
		for (String hostile : new String[] { "{\"operation\":\"VACUUM\",\"tables\":[{\"name\":\"t; DROP TABLE t\"}]}",
				"{\"operation\":\"VACUUM\",\"tables\":[{\"name\":\"nope\"}]}",
				"{\"operation\":\"VACUUM\",\"tables\":[{\"name\":\"t\\u0000\"}]}",
				"{\"operation\":\"VACUUM\",\"tables\":[{\"name\":\"\"}]}",
				"{\"operation\":\"OPTIMIZE\"}", "{\"operation\":\"DROP\"}", "{}" }) {
			TestApi.Response r = admin.post("/api/connections/" + connection + "/maintenance", hostile);
			assertThat(r.status()).as(hostile + " → " + r.body()).isEqualTo(400);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				admin.get("/api/audit?targetId=" + connection + "&size=100").json().toString())
			.contains("maintenance.start", "maintenance.finish", "REINDEX"));
	}

	@Test
	void cancellingAMaintenanceJobStopsTheStatementAtTheServer() throws Exception {
		TestApi admin = TestApi.admin(port);
		db = ScratchDatabases.postgres("maintcancel");
		db.exec("CREATE TABLE t (id int)");
		String connection = register(admin, "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name());
		try (Connection holder = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
			holder.setAutoCommit(false);
			holder.createStatement().execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
			String job = start(admin, connection, "{\"operation\":\"VACUUM_FULL\",\"tables\":[{\"name\":\"t\"}]}");
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingVacuums() == 1);
			TestApi.Response cancel = admin.post("/api/jobs/" + job + "/cancel", null);
			assertThat(cancel.status()).as(cancel.body()).isIn(200, 202);
			JsonNode done = finished(admin, job);
			assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(waitingVacuums()).as("the statement is gone at the server").isZero());
			holder.rollback();
		}
	}

	/** Read on a connection of its own: pg_stat_activity is a snapshot per transaction, and the holder is in one. */
	int waitingVacuums() throws Exception {
		try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
						+ "AND state = 'active' AND query ILIKE 'VACUUM (FULL)%'")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	@Test
	void mariadbCheckTableAndSqliteIntegrityCheck() throws Exception {
		TestApi admin = TestApi.admin(port);
		db = ScratchDatabases.mariadb("maint");
		db.exec("CREATE TABLE t (id int PRIMARY KEY, v int)", "INSERT INTO t VALUES (1, 1)");
		String maria = register(admin, "mysql://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/" + db.name());
		assertThat(admin.get("/api/connections/" + maria + "/maintenance/operations").json().toString())
			.contains("OPTIMIZE", "CHECK", "ANALYZE").doesNotContain("VACUUM");
		for (String operation : new String[] { "CHECK", "ANALYZE", "OPTIMIZE" }) {
			JsonNode done = finished(admin, start(admin, maria, "{\"operation\":\"" + operation + "\",\"tables\":[{\"name\":\"t\"}]}"));
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			assertThat(done.get("progress").get("done").asLong()).isEqualTo(100);
		}
		assertThat(admin.post("/api/connections/" + maria + "/maintenance",
				"{\"operation\":\"CHECK\",\"tables\":[{\"schema\":\"mysql\",\"name\":\"user\"}]}").status())
			.as("another database than the connection's").isEqualTo(400);

		String sqlite = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "maint", true);
		assertThat(admin.get("/api/connections/" + sqlite + "/maintenance/operations").json().toString())
			.contains("INTEGRITY_CHECK", "VACUUM", "ANALYZE");
		JsonNode check = finished(admin, start(admin, sqlite, "{\"operation\":\"INTEGRITY_CHECK\"}"));
		assertThat(check.get("status").asString()).as(check.toString()).isEqualTo("COMPLETED");
		assertThat(check.get("summary").asString()).contains("no problems");
		assertThat(finished(admin, start(admin, sqlite, "{\"operation\":\"VACUUM\"}")).get("status").asString())
			.isEqualTo("COMPLETED");
		assertThat(admin.post("/api/connections/" + sqlite + "/maintenance",
				"{\"operation\":\"VACUUM\",\"tables\":[{\"name\":\"t\"}]}").status()).as("whole database only")
			.isEqualTo(400);
	}

	@Test
	void aViewerIsRefusedBeforeTheBodyIsRead() throws Exception {
		TestApi admin = TestApi.admin(port);
		String sqlite = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "maintv", true);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		assertThat(viewer.post("/api/connections/" + sqlite + "/maintenance", "{\"operation\":\"NOPE\"}").status())
			.isEqualTo(403);
		assertThat(viewer.post("/api/connections/" + sqlite + "/maintenance", "not json").status()).isEqualTo(403);
		assertThat(viewer.get("/api/connections/" + sqlite + "/maintenance/operations").status()).isEqualTo(200);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		assertThat(operator.post("/api/connections/" + sqlite + "/maintenance", "{\"operation\":\"VACUUM\"}").status())
			.as("someone else's connection is read-only to an operator").isEqualTo(403);
	}

	@Test
	void aScheduleStartsItsRunOnceWhenDueAndRecordsIt() throws Exception {
		TestApi admin = TestApi.admin(port);
		db = ScratchDatabases.postgres("maintsched");
		db.exec("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)");
		String connection = register(admin, "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name());
		String url = "/api/connections/" + connection + "/maintenance/schedules";

		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		assertThat(viewer.post(url, "{\"operation\":\"VACUUM_ANALYZE\",\"cron\":\"nope\",\"timeZone\":\"Mars/X\"}")
			.status()).as("refused before the body is checked").isEqualTo(403);
		assertThat(viewer.get(url).status()).isEqualTo(200);

		TestApi.Response badCron = admin.post(url,
				"{\"operation\":\"VACUUM_ANALYZE\",\"cron\":\"61 * * * *\",\"timeZone\":\"UTC\"}");
		assertThat(badCron.status()).as(badCron.body()).isEqualTo(400);
		assertThat(badCron.json().get("errors").get(0).get("field").asString()).isEqualTo("cron");
		assertThat(badCron.json().get("errors").get(0).get("reason").asString()).contains("minute");
		for (String bad : new String[] {
				"{\"operation\":\"VACUUM_ANALYZE\",\"cron\":\"0 3 * * *\",\"timeZone\":\"Mars/Olympus\"}",
				"{\"operation\":\"OPTIMIZE\",\"cron\":\"0 3 * * *\",\"timeZone\":\"UTC\"}",
				"{\"operation\":\"VACUUM\",\"cron\":\"0 0 3 * * ?\",\"timeZone\":\"UTC\"}",
				"{\"operation\":\"VACUUM\",\"tables\":[{\"name\":\"t\\u0000\"}],\"cron\":\"0 3 * * *\",\"timeZone\":\"UTC\"}" }) {
			assertThat(admin.post(url, bad).status()).as(bad).isEqualTo(400);
		}

		TestApi.Response created = admin.post(url, "{\"operation\":\"VACUUM_ANALYZE\",\"tables\":[{\"name\":\"t\"}],"
				+ "\"cron\":\"30 3 * * 0\",\"timeZone\":\"Europe/Berlin\",\"enabled\":true}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String schedule = created.json().get("id").asString();
		assertThat(created.json().get("nextRuns").size()).isEqualTo(3);
		assertThat(created.json().get("nextRuns").get(0).asString()).contains("T03:30");
		assertThat(created.json().get("description").asString()).isNotBlank();
		assertThat(created.json().get("lastRun").isNull()).isTrue();

		java.time.Instant now = java.time.Instant.now();
		String job;
		try (Connection holder = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
			holder.setAutoCommit(false);
			holder.createStatement().execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
			due(schedule);
			schedules.fireDue(now);
			JsonNode fired = only(admin.get(url).json(), schedule);
			assertThat(fired.get("lastRun").get("outcome").asString()).as(fired.toString()).isEqualTo("STARTED");
			job = fired.get("lastRun").get("jobId").asString();
			assertThat(schedules.fireDue(now)).as("claimed already").isZero();

			due(schedule);
			schedules.fireDue(now.plusSeconds(1));
			JsonNode skipped = only(admin.get(url).json(), schedule);
			assertThat(skipped.get("lastRun").get("outcome").asString()).as(skipped.toString()).isEqualTo("SKIPPED");
			assertThat(skipped.get("lastRun").get("jobId").asString()).isEqualTo(job);
			assertThat(skipped.get("lastRun").get("reason").asString()).contains("still");
			holder.rollback();
		}
		JsonNode done = finished(admin, job);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
		assertThat(done.get("kind").asString()).isEqualTo("MAINTENANCE");
		assertThat(done.get("startedBy").asString()).isEqualTo("admin");
		assertThat(done.get("summary").asString()).contains("VACUUM_ANALYZE", "1 table");
		JsonNode again = only(admin.get(url).json(), schedule);
		assertThat(again.get("lastRun").get("jobId").asString()).isEqualTo(job);
		assertThat(again.get("lastRun").get("jobStatus").asString()).isEqualTo("COMPLETED");
		JsonNode jobsOfConnection = admin.get("/api/jobs?connectionId=" + connection + "&kind=MAINTENANCE").json();
		assertThat(jobsOfConnection.get("totalElements").asLong()).as("one run, one job").isEqualTo(1);

		jdbc.sql("UPDATE maintenance_schedules SET owner_id = :gone WHERE id = :id").param("gone", UUID.randomUUID())
			.param("id", UUID.fromString(schedule)).update();
		due(schedule);
		schedules.fireDue(java.time.Instant.now());
		JsonNode refused = only(admin.get(url).json(), schedule);
		assertThat(refused.get("lastRun").get("outcome").asString()).as(refused.toString()).isEqualTo("REFUSED");
		assertThat(refused.get("lastRun").get("reason").asString()).contains("owner");
		assertThat(refused.get("lastRun").get("jobId").isNull()).isTrue();

		TestApi.Response off = admin.put("/api/maintenance-schedules/" + schedule, "{\"operation\":\"VACUUM_ANALYZE\","
				+ "\"cron\":\"30 3 * * 0\",\"timeZone\":\"UTC\",\"enabled\":false}");
		assertThat(off.status()).as(off.body()).isEqualTo(200);
		assertThat(off.json().get("nextRuns").size()).isZero();
		assertThat(viewer.delete("/api/maintenance-schedules/" + schedule).status()).isEqualTo(403);
		assertThat(admin.delete("/api/maintenance-schedules/" + schedule).status()).isEqualTo(204);
		assertThat(admin.delete("/api/maintenance-schedules/" + schedule).status()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				admin.get("/api/audit?targetId=" + connection + "&size=100").json().toString())
			.contains("maintenance.schedule.create", "maintenance.schedule.update", "maintenance.schedule.delete",
					"maintenance.schedule.run", "SKIPPED", "REFUSED", "by maintenance schedule " + schedule));
	}

	void due(String schedule) {
		jdbc.sql("UPDATE maintenance_schedules SET next_due = :due WHERE id = :id")
			.param("due", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1))
			.param("id", UUID.fromString(schedule)).update();
	}

	static JsonNode only(JsonNode list, String id) {
		for (JsonNode n : list) {
			if (n.get("id").asString().equals(id)) {
				return n;
			}
		}
		throw new AssertionError("no schedule " + id + " in " + list);
	}
}
