package dev.steward.schedule;

import static dev.steward.schedule.ScheduleTesting.create;
import static dev.steward.schedule.ScheduleTesting.cronSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * "All databases" is capped per run ({@code steward.schedule.max-databases-per-run}, here 2): on a MariaDB user who
 * reaches three scratch databases, a run backs up the first two by name, succeeds, and names the third as skipped
 * and why. Its own context (the cap is read at start), so it does not share the suite's.
 */
@IntegrationTest
@TestPropertySource(properties = "steward.schedule.max-databases-per-run=2")
class ScheduleDatabaseCapIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void allDatabasesStopsAtTheCapAndTheRunNamesTheSkippedOnes() throws Exception {
		TestApi api = TestApi.admin(port);
		String user = "stw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String password = "pw_" + UUID.randomUUID().toString().replace("-", "");
		String root = ScratchDatabases.MARIADB_URL;
		try (Scratch one = ScratchDatabases.mariadb("cap_a"); Scratch two = ScratchDatabases.mariadb("cap_b");
				Scratch three = ScratchDatabases.mariadb("cap_c")) {
			for (Scratch s : List.of(one, two, three)) {
				s.exec("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
			}
			ScratchDatabases.exec(root, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD,
					"CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
					"GRANT ALL ON " + one.name() + ".* TO '" + user + "'@'%'",
					"GRANT ALL ON " + two.name() + ".* TO '" + user + "'@'%'",
					"GRANT ALL ON " + three.name() + ".* TO '" + user + "'@'%'");
			try {
				TestApi.Response c = api.post("/api/connections", TestApi.JSON.createObjectNode()
					.put("name", "cap " + UUID.randomUUID()).put("engine", "MYSQL").put("host", "127.0.0.1")
					.put("port", 3306).put("database", one.name()).put("username", user).put("password", password)
					.put("browseAllDatabases", true).toString());
				assertThat(c.status()).as(c.body()).isEqualTo(201);
				ObjectNode body = cronSchedule("capped", c.json().get("id").asString(), "0 3 * * *", "UTC")
					.put("databaseMode", "ALL");
				String id = create(api, body).get("id").asString();
				JsonNode run = ScheduleTestRestoreChoiceIntegrationTests.runNow(api, id);
				List<String> made = new ArrayList<>();
				run.get("backups").forEach(b -> made.add(b.get("database").asString()));
				assertThat(made).containsExactlyInAnyOrder(one.name(), two.name());
				assertThat(run.get("notice").asString()).contains("skipped 1 of 3 databases", "at most 2 per run",
						three.name());
				assertThat(run.get("error").isNull()).isTrue();
				api.delete("/api/schedules/" + id);
			}
			finally {
				ScratchDatabases.exec(root, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD,
						"DROP USER IF EXISTS '" + user + "'@'%'");
			}
		}
	}
}
