package dev.steward.schedule;

import static dev.steward.schedule.ScheduleTesting.create;
import static dev.steward.schedule.ScheduleTesting.cronSchedule;
import static dev.steward.schedule.ScheduleTesting.runs;
import static dev.steward.schedule.ScheduleTesting.tinySqliteConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schedule's test restore takes the newest backup the schedule itself made: not an older one of its own, and not a
 * newer one of the same connection made by another schedule or by hand.
 */
@IntegrationTest
class ScheduleTestRestoreChoiceIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void aScheduledTestRestoreTakesTheNewestBackupOfItsOwnSchedule() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "restore-choice");
		ObjectNode mine = cronSchedule("mine", connection, "0 3 * * *", "UTC");
		String a = create(api, mine).get("id").asString();
		String b = create(api, cronSchedule("other", connection, "0 4 * * *", "UTC")).get("id").asString();
		String older = backupOf(runNow(api, a));
		String newest = backupOf(runNow(api, a));
		String othersNewer = backupOf(runNow(api, b));
		TestApi.Response manual = api.post("/api/backups", TestApi.JSON.createObjectNode()
			.put("connectionId", connection).put("encrypted", false).toString());
		assertThat(manual.status()).as(manual.body()).isEqualTo(202);
		String manualId = manual.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "COMPLETED".equals(api.get("/api/backups/" + manualId).json().get("status").asString()));
		assertThat(java.util.List.of(older, othersNewer, manualId)).doesNotContain(newest);

		TestApi.Response put = api.put("/api/schedules/" + a, mine.put("testRestoreCron", "*/2 * * * * ?").toString());
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode last = api.get("/api/schedules/" + a).json().get("lastVerification");
			return last != null && !last.isNull() && "TEST_RESTORE".equals(last.get("kind").asString())
					&& !"RUNNING".equals(last.get("status").asString());
		});
		JsonNode last = api.get("/api/schedules/" + a).json().get("lastVerification");
		assertThat(last.get("status").asString()).as(last.toString()).isEqualTo("PASSED");
		assertThat(last.get("backupId").asString()).as("the newest of the schedule's own backups").isEqualTo(newest);
		api.delete("/api/schedules/" + a);
		api.delete("/api/schedules/" + b);
	}

	static JsonNode runNow(TestApi api, String schedule) {
		TestApi.Response started = api.post("/api/schedules/" + schedule + "/run", null);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String runId = started.json().get("id").asString();
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = runs(api, schedule).stream().filter(r -> r.get("id").asString().equals(runId)).findFirst()
				.orElseThrow();
			return !"RUNNING".equals(last[0].get("status").asString());
		});
		assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo("SUCCEEDED");
		return last[0];
	}

	private static String backupOf(JsonNode run) {
		return run.get("backups").get(0).get("backupId").asString();
	}
}
