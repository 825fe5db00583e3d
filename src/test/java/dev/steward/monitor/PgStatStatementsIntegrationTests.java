package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.OwnPostgresServer;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Top queries from {@code pg_stat_statements} on a PostgreSQL 15 server this test starts itself with
 * {@code shared_preload_libraries=pg_stat_statements} (the shared server keeps its settings): statements run by
 * the test come back with their calls, times and rows, ranked by total and by mean time; a database of that server
 * without the extension gets the one statement that creates it as the hint.
 */
@IntegrationTest
class PgStatStatementsIntegrationTests {

	static OwnPostgresServer server;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startServer() throws Exception {
		server = OwnPostgresServer.start("shared_preload_libraries=pg_stat_statements");
		server.exec("postgres", "CREATE DATABASE stats", "CREATE DATABASE plain");
		server.exec("stats", "CREATE EXTENSION pg_stat_statements", "CREATE TABLE numbers AS SELECT g AS n FROM "
				+ "generate_series(1, 1000) g");
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	String connection(TestApi api, String database) {
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "pgss " + UUID.randomUUID()).put("shared", true)
			.put("url", "postgresql://postgres@127.0.0.1:" + server.port() + "/" + database).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	@Test
	void statementsComeFromPgStatStatementsWithCallsTimesAndRows() throws Exception {
		server.exec("stats", "SELECT pg_stat_statements_reset()");
		for (int i = 0; i < 3; i++) {
			server.exec("stats", "SELECT count(*) FROM numbers WHERE n > " + (i * 10));
		}
		server.exec("stats", "SELECT pg_sleep(1)");
		TestApi admin = TestApi.admin(port);
		String id = connection(admin, "stats");
		JsonNode top = admin.get("/api/connections/" + id + "/performance/queries?limit=10").json();
		assertThat(top.get("source").asString()).as(top.toString()).isEqualTo("STATEMENT_STATISTICS");
		assertThat(top.path("unavailable").isNull() || top.path("unavailable").isMissingNode()).isTrue();
		assertThat(top.get("statsSince").asString()).isNotBlank();
		List<JsonNode> statements = StreamSupport.stream(top.get("statements").spliterator(), false).toList();
		JsonNode count = statements.stream().filter(s -> s.get("text").asString().contains("FROM numbers WHERE n >"))
			.findFirst().orElseThrow(() -> new AssertionError(top.toString()));
		assertThat(count.get("calls").asLong()).isEqualTo(3);
		assertThat(count.get("rows").asLong()).isEqualTo(3);
		assertThat(count.get("text").asString()).as("normalised by the server").contains("$1");
		assertThat(count.get("id").asString()).isNotBlank();
		JsonNode sleep = statements.stream().filter(s -> s.get("text").asString().contains("pg_sleep")).findFirst()
			.orElseThrow();
		assertThat(sleep.get("meanMillis").asDouble()).isGreaterThanOrEqualTo(990);
		assertThat(sleep.get("totalMillis").asDouble()).isGreaterThanOrEqualTo(sleep.get("meanMillis").asDouble());
		assertThat(statements.get(0).get("totalMillis").asDouble())
			.as("ordered by total time").isGreaterThanOrEqualTo(statements.get(statements.size() - 1).get("totalMillis").asDouble());

		// with limit 1: the top statement by total and the top one by mean, which may be one statement
		JsonNode one = admin.get("/api/connections/" + id + "/performance/queries?limit=1").json();
		assertThat(one.get("statements").size()).isBetween(1, 2);
		assertThat(one.get("statements").toString()).as("the slowest by mean").contains("pg_sleep");

		JsonNode viewers = TestUsers.create(port, "VIEWER").login(port)
			.get("/api/connections/" + id + "/performance/queries").json();
		assertThat(viewers.get("literalsMasked").asBoolean()).isTrue();
		assertThat(viewers.get("statements").toString()).contains("pg_sleep");
		admin.delete("/api/connections/" + id);
	}

	@Test
	void aDatabaseWithoutTheExtensionOfAServerThatLoadsItIsToldToCreateIt() {
		TestApi admin = TestApi.admin(port);
		String id = connection(admin, "plain");
		JsonNode top = admin.get("/api/connections/" + id + "/performance/queries").json();
		assertThat(top.get("source").asString()).isEqualTo("ACTIVITY_SAMPLE");
		assertThat(top.get("unavailable").get("reason").asString()).isEqualTo("EXTENSION_NOT_INSTALLED");
		assertThat(top.get("unavailable").get("hint").asString()).isEqualTo("CREATE EXTENSION pg_stat_statements;");
		admin.delete("/api/connections/" + id);
	}
}
