package dev.steward.query;

import static dev.steward.query.ConsoleTargets.await;
import static dev.steward.query.ConsoleTargets.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.query.ConsoleTargets.Kind;
import dev.steward.query.ConsoleTargets.Target;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: per-user limits on the SQL console (a user's override of the settings' defaults): over the limit of
 * concurrent console sessions or of running statements the request is a 429 naming the limit.
 */
@IntegrationTest
class ConsoleLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	private TestApi.Response sql(TestApi api, Target target, String sql, String session) {
		var body = TestApi.JSON.createObjectNode().put("sql", sql);
		if (session != null) {
			body.put("sessionId", session);
		}
		return api.post("/api/connections/" + target.connectionId() + "/sql", body.toString());
	}

	@Test
	void aUserOverTheirLimitsGets429NamingTheLimit() throws Exception {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi api = user.login(port);
		TestApi admin = TestApi.admin(port);
		try (Target target = ConsoleTargets.create(api, Kind.POSTGRESQL, dataDir, false, false)) {
			// no limit: a second session opens
			JsonNode one = start(api, target, "SELECT 1", null);
			await(api, one.get("id").asString());
			String first = one.get("sessionId").asString();
			TestApi.Response second = sql(api, target, "SELECT 2", null);
			assertThat(second.status()).as(second.body()).isEqualTo(202);
			await(api, second.json().get("id").asString());

			TestApi.Response set = admin.put("/api/users/" + user.id() + "/limits",
					"{\"maxConsoleSessions\":2,\"maxRunningStatements\":1}");
			assertThat(set.status()).as(set.body()).isEqualTo(200);
			assertThat(set.json().get("effective").get("maxConsoleSessions").asInt()).isEqualTo(2);

			TestApi.Response third = sql(api, target, "SELECT 3", null);
			assertThat(third.status()).as(third.body()).isEqualTo(429);
			assertThat(third.json().get("type").asString()).endsWith("/limit-exceeded");
			assertThat(third.json().get("limit").asString()).isEqualTo("maxConsoleSessions");
			assertThat(third.json().get("detail").asString()).contains("concurrent console sessions (2)");
			// an open session is still usable
			TestApi.Response reuse = sql(api, target, "SELECT 4", first);
			assertThat(reuse.status()).as(reuse.body()).isEqualTo(202);
			await(api, reuse.json().get("id").asString());

			// one statement running in one session: a second one in the other session is over the limit
			JsonNode sleeping = start(api, target, "SELECT pg_sleep(30)", first);
			TestApi.Response parallel = sql(api, target, "SELECT 5", second.json().get("sessionId").asString());
			assertThat(parallel.status()).as(parallel.body()).isEqualTo(429);
			assertThat(parallel.json().get("limit").asString()).isEqualTo("maxRunningStatements");
			assertThat(api.post("/api/sql/executions/" + sleeping.get("id").asString() + "/cancel", null).status())
				.isEqualTo(200);
			await(api, sleeping.get("id").asString());
			TestApi.Response after = sql(api, target, "SELECT 6", second.json().get("sessionId").asString());
			assertThat(after.status()).as("the limit counts running statements only").isEqualTo(202);
			await(api, after.json().get("id").asString());

			// the override cleared: the default (none) applies again; the change is audited with before and after
			assertThat(admin.put("/api/users/" + user.id() + "/limits", "{}").json().get("effective")
				.path("maxConsoleSessions").isNumber()).isFalse();
			assertThat(sql(api, target, "SELECT 7", null).status()).isEqualTo(202);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					admin.get("/api/audit?action=user.limits&targetId=" + user.id() + "&size=10").body())
				.contains("console sessions default, running statements default \u2192 console sessions 2, "
						+ "running statements 1"));
		}
		assertThat(api.put("/api/users/" + user.id() + "/limits", "{\"maxConsoleSessions\":\"x\"}").status())
			.as("an operator cannot set limits, and learns nothing of the body's rules").isEqualTo(403);
		assertThat(TestApi.admin(port).put("/api/users/" + user.id() + "/limits", "{\"maxConsoleSessions\":0}").status())
			.isEqualTo(400);
	}
}
