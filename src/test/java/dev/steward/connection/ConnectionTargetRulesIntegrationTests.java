package dev.steward.connection;

import static dev.steward.connection.ConnectionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a connection must name and where it may point: a user for the engines that would otherwise log in as
 * Steward's OS user, never a cloud metadata address, and MySQL names that need percent-encoding kept intact.
 */
@IntegrationTest
class ConnectionTargetRulesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void networkedEnginesThatDefaultToTheOsUserRequireAUsername() {
		TestApi api = TestApi.admin(port);
		for (String engine : new String[] { "POSTGRESQL", "MYSQL" }) {
			ObjectNode fields = json().put("engine", engine).put("host", "127.0.0.1").put("username", " ");
			Response tested = api.post("/api/connections/test", fields.toString());
			assertThat(tested.status()).as(tested.body()).isEqualTo(400);
			assertThat(tested.json().get("errors").toString()).contains("\"field\":\"username\"");
			Response saved = api.post("/api/connections", fields.put("name", "no user " + UUID.randomUUID()).toString());
			assertThat(saved.status()).as(saved.body()).isEqualTo(400);
		}
		Response url = api.post("/api/connections/test", json().put("url", "postgresql://127.0.0.1/postgres").toString());
		assertThat(url.status()).as(url.body()).isEqualTo(400);
		assertThat(url.json().get("errors").toString()).contains("\"field\":\"url\"");
		// reading a URL into fields still works without one
		assertThat(api.post("/api/connections/parse-url", json().put("url", "postgresql://127.0.0.1/postgres").toString())
			.status()).isEqualTo(200);
	}

	/** Refused before any packet leaves: the address is never contacted. */
	@Test
	void cloudMetadataAddressesAreRefusedOnTestAndOnSaveAndAudited() {
		TestUsers.TestUser operator = TestUsers.create(port, "OPERATOR");
		TestApi api = TestApi.login(port, operator.username(), operator.password());
		Response byUrl = api.post("/api/connections/test",
				json().put("url", "postgresql://postgres@169.254.169.254/x").toString());
		assertThat(byUrl.status()).as(byUrl.body()).isEqualTo(400);
		assertThat(byUrl.json().get("errors").toString()).contains("\"field\":\"url\"").contains("169.254.169.254");
		Response byFields = api.post("/api/connections/test", json().put("engine", "MONGODB").put("host", "fd00:ec2::254")
			.toString());
		assertThat(byFields.status()).as(byFields.body()).isEqualTo(400);
		assertThat(byFields.json().get("errors").toString()).contains("\"field\":\"host\"");
		Response saved = api.post("/api/connections", json().put("name", "metadata " + UUID.randomUUID())
			.put("engine", "MYSQL").put("host", "169.254.169.254").put("username", "root").toString());
		assertThat(saved.status()).as(saved.body()).isEqualTo(400);
		assertThat(saved.json().get("errors").toString()).contains("\"field\":\"host\"");
		TestApi admin = TestApi.admin(port);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode records = admin.get("/api/audit?actor=" + operator.username() + "&action=http.post&size=50").json();
			assertThat(records.get("items").size()).as(records.toString()).isEqualTo(3);
			assertThat(records.toString()).contains("FAILURE");
		});
	}

	/** {@code sec$m} used to reach the driver as {@code sec%24m}; a space, '%' and Unicode fared no better. */
	@Test
	void mysqlDatabaseNamesThatNeedPercentEncodingWorkEverywhere() throws Exception {
		String name = "sec$m x%é_" + UUID.randomUUID().toString().substring(0, 8);
		String quoted = "`" + name + "`";
		ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
				ScratchDatabases.MARIADB_PASSWORD, "CREATE DATABASE " + quoted,
				"CREATE TABLE " + quoted + ".items (id int primary key, label varchar(20))",
				"INSERT INTO " + quoted + ".items VALUES (1, 'one'), (2, 'two')");
		try {
			TestApi api = TestApi.admin(port);
			ObjectNode fields = json().put("engine", "MYSQL").put("host", "127.0.0.1").put("port", 3306)
				.put("username", ScratchDatabases.MARIADB_USER).put("database", name);
			if (!ScratchDatabases.MARIADB_PASSWORD.isEmpty()) {
				fields.put("password", ScratchDatabases.MARIADB_PASSWORD);
			}
			JsonNode tested = api.post("/api/connections/test", fields.toString()).json();
			assertThat(tested.get("success").asBoolean()).as(tested.toString()).isTrue();
			Response created = api.post("/api/connections", fields.put("name", "odd " + name).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			assertThat(api.post("/api/connections/" + id + "/test", null).json().get("success").asBoolean()).isTrue();

			String enc = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
			Response databases = api.get("/api/connections/" + id + "/catalog/databases");
			assertThat(databases.status()).as(databases.body()).isEqualTo(200);
			assertThat(databases.body()).contains(name);
			Response objects = api.get("/api/connections/" + id + "/catalog/objects?database=" + enc + "&schema=" + enc);
			assertThat(objects.status()).as(objects.body()).isEqualTo(200);
			assertThat(objects.body()).contains("items");

			Response started = api.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", id).toString());
			assertThat(started.status()).as(started.body()).isEqualTo(202);
			String backup = started.json().get("id").asString();
			JsonNode[] last = new JsonNode[1];
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
				last[0] = api.get("/api/backups/" + backup).json();
				return !"IN_PROGRESS".equals(last[0].get("status").asString());
			});
			assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo("COMPLETED");

			ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
					ScratchDatabases.MARIADB_PASSWORD, "DELETE FROM " + quoted + ".items WHERE id = 2");
			dev.steward.test.JobsTesting.Finished restored = dev.steward.test.JobsTesting.restore(api, backup,
					TestApi.JSON.createObjectNode().put("targetConnectionId", id).put("clean", true).put("confirm", name)
						.toString());
			assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
			try (Connection c = DriverManager.getConnection(ScratchDatabases.MARIADB_URL + "?sslMode=disable",
					ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD);
					Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quoted + ".items")) {
				rs.next();
				assertThat(rs.getInt(1)).isEqualTo(2);
			}
		}
		finally {
			ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
					ScratchDatabases.MARIADB_PASSWORD, "DROP DATABASE IF EXISTS " + quoted);
		}
	}
}
