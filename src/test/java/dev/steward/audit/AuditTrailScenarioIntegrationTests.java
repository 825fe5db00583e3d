package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * One user's whole session across modules: every mutating call — successful or refused — leaves exactly one
 * audit record, and the chain stays intact.
 */
@IntegrationTest
class AuditTrailScenarioIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void everyMutatingCallLeavesExactlyOneRecord() {
		TestApi admin = TestApi.admin(port);
		TestUsers.TestUser operator = TestUsers.create(port, "OPERATOR");
		List<String> expected = new ArrayList<>();

		TestApi op = operator.login(port);
		expected.add("auth.login SUCCESS");

		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("audit_scenario")) {
			String body = TestApi.JSON.createObjectNode()
				.put("name", "scenario " + db.name())
				.put("engine", "POSTGRESQL")
				.put("host", "127.0.0.1")
				.put("port", 5432)
				.put("database", db.name())
				.put("username", ScratchDatabases.PG_USER)
				.toString();
			TestApi.Response created = op.post("/api/connections", body);
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			expected.add("connection.create SUCCESS");

			assertThat(op.post("/api/connections/" + id + "/test", null).status()).isEqualTo(200);
			expected.add("connection.test SUCCESS");

			assertThat(op.put("/api/connections/" + id, body.replace("scenario ", "renamed ")).status()).isEqualTo(200);
			expected.add("connection.update SUCCESS");

			String schedule = TestApi.JSON.createObjectNode().put("name", "scenario").put("connectionId", id)
				.put("timeZone", "UTC").put("enabled", false).put("encrypted", false)
				.set("timing", TestApi.JSON.createObjectNode().put("type", "CRON").put("cron", "0 3 * * *")).toString();
			TestApi.Response scheduled = op.post("/api/schedules", schedule);
			assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
			String scheduleId = scheduled.json().get("id").asString();
			expected.add("schedule.create SUCCESS");
			assertThat(op.put("/api/schedules/" + scheduleId, schedule.replace("0 3 * * *", "0 4 * * *")).status())
				.isEqualTo(200);
			expected.add("schedule.update SUCCESS");
			assertThat(op.post("/api/schedules", schedule.replace("0 3 * * *", "0 25 * * *")).status()).isEqualTo(400);
			expected.add("http.post FAILURE");
			assertThat(op.post("/api/schedules/" + scheduleId + "/run", null).status()).isEqualTo(202);
			expected.add("schedule.run SUCCESS");
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(
					op.get("/api/schedules/" + scheduleId + "/runs").json().get("items").get(0).get("status").asString()));
			assertThat(op.delete("/api/schedules/" + scheduleId).status()).isEqualTo(204);
			expected.add("schedule.delete SUCCESS");

			db.exec("CREATE TABLE t (id int PRIMARY KEY)");
			TestApi.Response export = op.post("/api/connections/" + id + "/exports",
					"{\"kind\":\"DATA\",\"tables\":[\"t\"],\"format\":\"csv\"}");
			assertThat(export.status()).as(export.body()).isEqualTo(202);
			expected.add("export.start SUCCESS");
			JsonNode exported = dev.steward.test.JobsTesting.awaitJob(op, export.json().get("id").asString());
			assertThat(exported.get("status").asString()).as(exported.toString()).isEqualTo("COMPLETED");
			expected.add("export.finish SUCCESS");
			assertThat(op.getBytes("/api/exports/" + exported.get("id").asString() + "/download").statusCode())
				.isEqualTo(200);
			expected.add("export.download SUCCESS");

			assertThat(op.patch("/api/connections/" + id, "{\"active\":false}").status()).isEqualTo(200);
			expected.add("connection.deactivate SUCCESS");

			assertThat(op.post("/api/connections", "{\"name\":\"bad\",\"engine\":\"POSTGRESQL\",\"port\":70000}")
				.status()).isEqualTo(400);
			expected.add("http.post FAILURE");

			assertThat(op.post("/api/users", "{\"username\":\"nope-" + System.nanoTime()
					+ "\",\"password\":\"long-enough-password\",\"role\":\"ADMIN\"}").status()).isEqualTo(403);
			expected.add("http.post DENIED");

			TestApi.Response token = op.post("/api/tokens", "{\"name\":\"scenario\"}");
			assertThat(token.status()).isEqualTo(201);
			expected.add("token.create SUCCESS");
			assertThat(op.delete("/api/tokens/" + token.json().get("id").asString()).status()).isEqualTo(204);
			expected.add("token.revoke SUCCESS");

			assertThat(op.post("/api/auth/password", TestApi.JSON.createObjectNode()
				.put("currentPassword", operator.password())
				.put("newPassword", operator.password() + "-2")
				.toString()).status()).isEqualTo(204);
			expected.add("user.password-change SUCCESS");

			assertThat(op.delete("/api/connections/" + id).status()).isEqualTo(204);
			expected.add("connection.delete SUCCESS");

			assertThat(op.delete("/api/connections/" + id).status()).isEqualTo(404);
			expected.add("http.delete FAILURE");
		}

		assertThat(op.post("/api/auth/logout", null).status()).isEqualTo(204);
		expected.add("auth.logout SUCCESS");

		String query = "/api/audit?actor=" + operator.username() + "&size=200";
		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			List<String> actual = new ArrayList<>();
			for (JsonNode record : admin.get(query).json().get("items")) {
				actual.add(0, record.get("action").asString() + " " + record.get("outcome").asString());
			}
			// successes are recorded after their transaction commits (asynchronously), refusals at once, so
			// neighbours may swap places in the chain; what matters is one record per call
			assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
		});
		assertThat(admin.get("/api/audit/verify").json().get("intact").asBoolean()).isTrue();
	}
}
