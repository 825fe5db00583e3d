package dev.steward.schedule;

import static dev.steward.schedule.ScheduleTesting.completedBackups;
import static dev.steward.schedule.ScheduleTesting.create;
import static dev.steward.schedule.ScheduleTesting.cronSchedule;
import static dev.steward.schedule.ScheduleTesting.runs;
import static dev.steward.schedule.ScheduleTesting.tinySqliteConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schedules end to end on the real Quartz (JDBC store) and real backups of a tiny SQLite database: a schedule firing
 * every two seconds makes backups, applies retention and records its runs; disabled it stops; deleted, its trigger
 * is gone and its backups stay; a failed run leaves retention alone.
 */
@IntegrationTest
class SchedulesIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	Scheduler scheduler;

	@Test
	void aSecondsCronMakesBackupsAppliesRetentionAndStopsWhenDisabled() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "fires");
		ObjectNode body = cronSchedule("every two seconds", connection, "*/2 * * * * ?", "UTC");
		body.putObject("retention").put("keepLast", 2);
		JsonNode schedule = create(api, body);
		String id = schedule.get("id").asString();
		assertThat(schedule.get("nextFireTimes")).hasSize(5);
		assertThat(schedule.get("description").asString()).isNotBlank();

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
			.until(() -> runs(api, id).stream().filter(r -> "SUCCEEDED".equals(r.get("status").asString())).count() >= 4);

		ObjectNode disabled = body.deepCopy().put("enabled", false);
		TestApi.Response put = api.put("/api/schedules/" + id, disabled.toString());
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(put.json().get("enabled").asBoolean()).isFalse();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> runs(api, id).stream().allMatch(r -> !"RUNNING".equals(r.get("status").asString())));
		int runsWhenDisabled = runs(api, id).size();
		Thread.sleep(5_000);
		List<JsonNode> after = runs(api, id);
		assertThat(after).as("no fires while disabled").hasSize(runsWhenDisabled);

		for (JsonNode run : after) {
			assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
			assertThat(run.get("backups")).hasSize(1);
			assertThat(run.get("scheduledFor").asString()).isNotBlank();
			assertThat(run.get("finishedAt").isNull()).isFalse();
		}
		assertThat(after.stream().map(r -> r.get("scheduledFor").asString()).distinct()).hasSameSizeAs(after);
		assertThat(after.stream().map(r -> r.get("retention").asString())).anyMatch(r -> r.contains("deleted 1"));
		assertThat(completedBackups(api, connection)).as("keep-last 2 after the last run").hasSize(2);
		JsonNode retained = api.get("/api/audit?action=schedule.retention.delete&size=200").json();
		assertThat(retained.get("totalElements").asLong()).isGreaterThanOrEqualTo(after.size() - 2L);

		JsonNode preview = api.get("/api/schedules/" + id + "/retention/preview").json();
		assertThat(preview.get("targets").get(0).get("decisions")).hasSize(2)
			.allSatisfy(d -> assertThat(d.get("keep").asBoolean()).isTrue());
		assertThat(api.get("/api/schedules/" + id).json().get("lastRun").get("status").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void runNowThenDeleteRemovesTheTriggerAndKeepsTheBackups() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "delete");
		ObjectNode body = TestApi.JSON.createObjectNode().put("name", "weekly").put("connectionId", connection)
			.put("timeZone", "Europe/Berlin").put("encrypted", false);
		body.putObject("timing").put("type", "WEEKLY").put("dayOfWeek", "SUNDAY").put("hour", 2).put("minute", 0);
		String id = create(api, body).get("id").asString();
		assertThat(scheduler.checkExists(TriggerKey.triggerKey(id, "steward-schedules"))).isTrue();

		TestApi.Response run = api.post("/api/schedules/" + id + "/run", null);
		assertThat(run.status()).as(run.body()).isEqualTo(202);
		assertThat(run.json().get("manual").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "SUCCEEDED".equals(runs(api, id).get(0).get("status").asString()));
		String backup = runs(api, id).get(0).get("backups").get(0).get("backupId").asString();

		assertThat(api.delete("/api/schedules/" + id).status()).isEqualTo(204);
		assertThat(api.get("/api/schedules/" + id).status()).isEqualTo(404);
		assertThat(scheduler.checkExists(TriggerKey.triggerKey(id, "steward-schedules"))).isFalse();
		assertThat(api.get("/api/backups/" + backup).json().get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void deletingTheConnectionDeletesItsSchedulesAndTriggers() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "gone");
		String id = create(api, cronSchedule("gone", connection, "0 3 * * *", "UTC")).get("id").asString();
		assertThat(api.delete("/api/connections/" + connection).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/schedules/" + id).status() == 404);
		assertThat(scheduler.checkExists(TriggerKey.triggerKey(id, "steward-schedules"))).isFalse();
	}

	@Test
	void newBackupsAreVerifiedAndAScheduledTestRestoreCatchesACorruptedOne() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "verified");
		ObjectNode body = cronSchedule("verified", connection, "0 3 * * *", "UTC").put("verifyAfter", true);
		String id = create(api, body).get("id").asString();
		api.post("/api/schedules/" + id + "/run", null);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode last = api.get("/api/schedules/" + id).json().get("lastVerification");
			return last != null && !last.isNull() && "PASSED".equals(last.get("status").asString());
		});
		JsonNode verified = api.get("/api/schedules/" + id).json().get("lastVerification");
		assertThat(verified.get("kind").asString()).isEqualTo("VERIFY");
		String backup = runs(api, id).get(0).get("backups").get(0).get("backupId").asString();
		assertThat(verified.get("backupId").asString()).isEqualTo(backup);

		// a byte flipped in storage: the next scheduled test restore fails and says so
		JsonNode stored = api.get("/api/backups/" + backup).json();
		Path artefact = dataDir.resolve("backups").resolve(connection).resolve(stored.get("fileName").asString());
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(artefact.toFile(), "rw")) {
			f.seek(f.length() / 2);
			int b = f.read();
			f.seek(f.length() / 2);
			f.write(b ^ 0x01);
		}
		TestApi.Response put = api.put("/api/schedules/" + id, body.put("testRestoreCron", "*/2 * * * * ?").toString());
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(put.json().get("testRestoreCron").asString()).isEqualTo("*/2 * * * * ?");
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode last = api.get("/api/schedules/" + id).json().get("lastVerification");
			return "TEST_RESTORE".equals(last.get("kind").asString()) && "FAILED".equals(last.get("status").asString());
		});
		assertThat(api.get("/api/schedules/" + id).json().get("lastVerification").get("error").asString()).isNotBlank();
		assertThat(api.put("/api/schedules/" + id, body.put("testRestoreCron", "*/2 * * * * MONDAY?").toString()).body())
			.contains("testRestoreCron");
		api.delete("/api/schedules/" + id);
	}

	@Test
	void aTestRestoreGoesToTheChosenConnectionOfTheSameEngine() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "restored-elsewhere");
		String elsewhere = tinySqliteConnection(api, dataDir, "scratch-server");
		TestApi.Response postgres = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "other engine " + java.util.UUID.randomUUID()).put("engine", "POSTGRESQL")
			.put("host", "127.0.0.1").put("username", "postgres").toString());
		assertThat(postgres.status()).as(postgres.body()).isEqualTo(201);
		ObjectNode body = cronSchedule("restored elsewhere", connection, "0 3 * * *", "UTC");
		TestApi.Response wrongEngine = api.post("/api/schedules",
				body.put("testRestoreConnectionId", postgres.json().get("id").asString()).toString());
		assertThat(wrongEngine.status()).isEqualTo(400);
		assertThat(wrongEngine.json().get("errors").toString()).contains("testRestoreConnectionId");
		TestApi.Response unknown = api.post("/api/schedules",
				body.put("testRestoreConnectionId", java.util.UUID.randomUUID().toString()).toString());
		assertThat(unknown.status()).isEqualTo(404);

		JsonNode created = create(api, body.put("testRestoreConnectionId", elsewhere));
		assertThat(created.get("testRestoreConnectionId").asString()).isEqualTo(elsewhere);
		String id = created.get("id").asString();
		api.post("/api/schedules/" + id + "/run", null);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "SUCCEEDED".equals(runs(api, id).get(0).get("status").asString()));
		assertThat(api.put("/api/schedules/" + id, body.put("testRestoreCron", "*/2 * * * * ?").toString()).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode last = api.get("/api/schedules/" + id).json().get("lastVerification");
			return last != null && !last.isNull() && "TEST_RESTORE".equals(last.get("kind").asString())
					&& "PASSED".equals(last.get("status").asString());
		});
		String job = api.get("/api/schedules/" + id).json().get("lastVerification").get("jobId").asString();
		assertThat(api.get("/api/jobs/" + job).json().get("connectionId").asString())
			.as("the scratch database was made on the chosen connection's server").isEqualTo(elsewhere);
		api.delete("/api/schedules/" + id);
	}

	@Test
	void aFailedRunLeavesRetentionAloneAndTheLastGoodBackupSurvives() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "failing");
		ObjectNode body = cronSchedule("daily", connection, "0 3 * * *", "UTC");
		body.putObject("retention").put("keepDays", 1).put("keepLast", 1);
		String id = create(api, body).get("id").asString();
		api.post("/api/schedules/" + id + "/run", null);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "SUCCEEDED".equals(runs(api, id).get(0).get("status").asString()));

		String file = api.get("/api/connections/" + connection).json().get("filePath").asString();
		Files.delete(Path.of(file));
		api.post("/api/schedules/" + id + "/run", null);
		await().atMost(Duration.ofSeconds(60)).until(() -> runs(api, id).size() == 2
				&& "FAILED".equals(runs(api, id).get(0).get("status").asString()));
		JsonNode failed = runs(api, id).get(0);
		assertThat(failed.get("error").asString()).isNotBlank();
		assertThat(failed.get("retention").isNull()).as("no retention after a failed run").isTrue();
		assertThat(completedBackups(api, connection)).hasSize(1);
		JsonNode audit = api.get("/api/audit?action=schedule.run.fail&targetId=" + id).json();
		assertThat(audit.get("totalElements").asLong()).isEqualTo(1);
	}

	@Test
	void rightsAreCheckedBeforeTheInputIsValidated() throws Exception {
		TestApi admin = TestApi.admin(port);
		String hidden = tinySqliteConnection(admin, dataDir, "private");
		dev.steward.test.TestUsers.TestUser viewer = dev.steward.test.TestUsers.create(port, "VIEWER");
		dev.steward.test.TestUsers.TestUser operator = dev.steward.test.TestUsers.create(port, "OPERATOR");
		TestApi viewerApi = viewer.login(port);
		TestApi operatorApi = operator.login(port);
		ObjectNode hostile = cronSchedule("x", hidden, "0 0 * * *; rm -rf /", "Mars/Olympus");
		assertThat(viewerApi.post("/api/schedules", hostile.toString()).status()).isEqualTo(403);
		assertThat(viewerApi.post("/api/schedules", "{}").status()).isEqualTo(403);
		// an operator who cannot see the admin's private connection: 404 before the bad cron is looked at
		assertThat(operatorApi.post("/api/schedules", hostile.toString()).status()).isEqualTo(404);
		assertThat(admin.post("/api/schedules", hostile.toString()).body()).contains("timing.cron");
	}

	@Test
	void previewDescribesAndABadExpressionNamesItsField() {
		TestApi api = TestApi.admin(port);
		ObjectNode preview = TestApi.JSON.createObjectNode().put("timeZone", "America/New_York");
		preview.putObject("timing").put("type", "CRON").put("cron", "0 */6 * * *");
		TestApi.Response ok = api.post("/api/schedules/preview", preview.toString());
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().get("nextFireTimes")).hasSize(5);
		assertThat(ok.json().get("description").asString()).containsIgnoringCase("6 hours");

		preview.putObject("timing").put("type", "CRON").put("cron", "0 25 * * *");
		TestApi.Response bad = api.post("/api/schedules/preview", preview.toString());
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
		assertThat(bad.body()).contains("timing.cron").contains("hour");

		TestApi.Response badZone = api.post("/api/schedules/preview",
				preview.put("timeZone", "Mars/Olympus").toString());
		assertThat(badZone.status()).isEqualTo(400);
		assertThat(badZone.body()).contains("timeZone");
	}
}
