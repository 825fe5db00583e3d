package dev.steward.connection;

import static dev.steward.connection.ConnectionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.engine.support.UrlParts;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;

/** A full round of connection work with distinctive passwords; none may show up in any response or row. */
@IntegrationTest
class NoSecretsInResponsesIntegrationTests {

	static final String PG_SECRET = "Pg-S3cret!zebra@/:?#";

	static final String MARIA_SECRET = "Maria-S3cret%giraffe";

	static final String MARIA_SECRET_2 = "Maria-Second&okapi";

	static final String MONGO_SECRET = "Mongo-S3cret+walrus";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void passwordsNeverLeaveTheServer() {
		TestApi.SEEN.clear();
		TestApi api = TestApi.admin(port);
		MongoServer mongo = new MongoServer(new MemoryBackend());
		InetSocketAddress address = mongo.bind();
		try (Scratch pg = ScratchDatabases.postgres("nosecret"); Scratch maria = ScratchDatabases.mariadb("nosecret")) {
			String pgId = api.post("/api/connections", json().put("name", "pg secret").put("engine", "POSTGRESQL")
				.put("host", "127.0.0.1").put("database", pg.name()).put("username", "postgres")
				.put("password", PG_SECRET).toString()).json().get("id").asString();
			String mariaId = api.post("/api/connections", json().put("name", "maria secret")
				.put("url", "mysql://root:" + UrlParts.encode(MARIA_SECRET) + "@127.0.0.1/no_such_db_" + maria.name())
				.toString()).json().get("id").asString();
			String mongoId = api.post("/api/connections", json().put("name", "mongo secret")
				.put("url", "mongodb://someone:" + UrlParts.encode(MONGO_SECRET) + "@127.0.0.1:" + address.getPort()
						+ "/x")
				.toString()).json().get("id").asString();

			for (String id : new String[] { pgId, mariaId, mongoId }) {
				assertThat(api.get("/api/connections/" + id).json().get("hasPassword").asBoolean()).isTrue();
				api.post("/api/connections/" + id + "/test", null);
			}
			api.get("/api/connections");
			// the stored password survives an edit that omits it, and can be replaced
			api.put("/api/connections/" + pgId, json().put("name", "pg secret 2").put("engine", "POSTGRESQL")
				.put("host", "127.0.0.1").put("database", pg.name()).put("username", "postgres").toString());
			assertThat(api.get("/api/connections/" + pgId).json().get("hasPassword").asBoolean()).isTrue();
			api.put("/api/connections/" + mariaId, json().put("name", "maria secret")
				.put("url", "mysql://root@127.0.0.1/" + maria.name()).put("password", MARIA_SECRET_2).toString());
			api.post("/api/connections/" + mariaId + "/test", null);
			api.post("/api/connections/test", json().put("engine", "MYSQL").put("host", "127.0.0.1")
				.put("username", "nobody_here").put("password", MARIA_SECRET).toString());
			api.post("/api/connections/parse-url", json()
				.put("url", "postgresql://u:" + UrlParts.encode(PG_SECRET) + "@h/db").toString());
			api.patch("/api/connections/" + mongoId, "{\"active\":false}");
			api.put("/api/connections/" + mongoId, json().put("name", "mongo secret").put("engine", "MONGODB")
				.put("host", "127.0.0.1").put("port", address.getPort()).put("clearPassword", true).toString());
			assertThat(api.get("/api/connections/" + mongoId).json().get("hasPassword").asBoolean()).isFalse();
			for (String id : new String[] { pgId, mariaId, mongoId }) {
				api.delete("/api/connections/" + id);
			}
			// the audit trail of all that (written after commit) is read back too
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					api.get("/api/audit?targetType=connection&targetId=" + mariaId + "&size=200").json().get("items"))
				.anySatisfy(item -> assertThat(item.get("action").asString()).isEqualTo("connection.delete")));
			TestApi.Response audit = api.get("/api/audit?targetType=connection&size=200");
			assertThat(audit.body()).contains("connection.update").contains("connection.test");
		}
		finally {
			mongo.shutdownNow();
		}

		assertThat(TestApi.SEEN).isNotEmpty();
		for (String secret : new String[] { PG_SECRET, MARIA_SECRET, MARIA_SECRET_2, MONGO_SECRET }) {
			for (String form : new String[] { secret, UrlParts.encode(secret) }) {
				assertThat(TestApi.SEEN).noneMatch(body -> body.contains(form));
			}
		}
	}

	@Test
	void storedPasswordsAreCiphertext() {
		TestApi api = TestApi.admin(port);
		String id = api.post("/api/connections", json().put("name", "sealed").put("engine", "POSTGRESQL")
			.put("host", "127.0.0.1").put("username", "postgres").put("password", PG_SECRET).toString()).json().get("id").asString();
		String stored = jdbc.sql("SELECT password_secret FROM connections WHERE id = ?")
			.param(java.util.UUID.fromString(id))
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v1:").doesNotContain(PG_SECRET);
		String audit = String.join("\n", jdbc.sql("SELECT serialized_event FROM event_publication")
			.query(String.class)
			.list());
		assertThat(audit).doesNotContain(PG_SECRET);
		api.delete("/api/connections/" + id);
	}
}
