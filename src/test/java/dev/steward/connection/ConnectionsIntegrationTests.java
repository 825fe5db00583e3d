package dev.steward.connection;

import static dev.steward.connection.ConnectionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.connection.ConnectionTesting.SilentServer;
import dev.steward.engine.TargetPools;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditableEvent;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ConnectionsIntegrationTests {

	static MongoServer mongo;

	static InetSocketAddress mongoAddress;

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	TargetPools pools;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeAll
	static void startMongo() {
		mongo = new MongoServer(new MemoryBackend());
		mongoAddress = mongo.bind();
	}

	@AfterAll
	static void stopMongo() {
		mongo.shutdownNow();
	}

	/** Create, test, edit, switch off and on, delete: the life of a connection, checked for every call. */
	private void lifecycle(ObjectNode create, String product) {
		TestApi api = TestApi.admin(port);
		Response created = api.post("/api/connections", create.toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode view = created.json();
		String id = view.get("id").asString();
		assertThat(view.get("active").asBoolean()).isTrue();
		assertThat(view.get("owner").get("username").asString()).isEqualTo("admin");
		assertThat(view.get("editable").asBoolean()).isTrue();
		assertThat(view.has("password")).isFalse();

		Response tested = api.post("/api/connections/" + id + "/test", null);
		assertThat(tested.status()).isEqualTo(200);
		assertThat(tested.json().get("success").asBoolean()).as(tested.body()).isTrue();
		assertThat(tested.json().get("serverProduct").asString()).isEqualTo(product);
		assertThat(tested.json().get("serverVersion").asString()).matches("\\d+\\.\\d+.*");
		assertThat(api.get("/api/connections/" + id).json().get("lastUsedAt").isNull()).isFalse();

		ObjectNode edit = create.deepCopy();
		edit.put("name", create.get("name").asString() + " (renamed)");
		edit.put("description", "edited");
		Response updated = api.put("/api/connections/" + id, edit.toString());
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("name").asString()).endsWith("(renamed)");
		assertThat(updated.json().get("description").asString()).isEqualTo("edited");
		assertThat(updated.json().get("hasPassword").asBoolean()).isEqualTo(view.get("hasPassword").asBoolean());
		assertThat(api.post("/api/connections/" + id + "/test", null).json().get("success").asBoolean()).isTrue();

		Response off = api.patch("/api/connections/" + id, "{\"active\":false}");
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.json().get("active").asBoolean()).isFalse();
		assertThat(api.get("/api/connections?active=false").body()).contains(id);
		assertThat(api.get("/api/connections?active=true").body()).doesNotContain(id);
		assertThat(api.patch("/api/connections/" + id, "{\"active\":true}").json().get("active").asBoolean()).isTrue();

		assertThat(api.delete("/api/connections/" + id).status()).isEqualTo(204);
		assertThat(api.get("/api/connections/" + id).status()).isEqualTo(404);
		assertThat(api.post("/api/connections/" + id + "/test", null).status()).isEqualTo(404);
	}

	@Test
	void postgresqlConnectionLivesAndDies() {
		try (Scratch db = ScratchDatabases.postgres("conn")) {
			lifecycle(json().put("name", "pg " + db.name()).put("engine", "POSTGRESQL").put("host", "127.0.0.1")
				.put("port", 5432).put("database", db.name()).put("username", "postgres"), "PostgreSQL");
		}
	}

	@Test
	void mariadbConnectionLivesAndDiesGivenAsUrl() {
		try (Scratch db = ScratchDatabases.mariadb("conn")) {
			lifecycle(json().put("name", "maria " + db.name()).put("url", "mysql://root@127.0.0.1:3306/" + db.name()),
					"MariaDB");
		}
	}

	@Test
	void sqliteConnectionLivesAndDies() throws IOException {
		Path file = Files.copy(ConnectionTesting.chinook(), dataDir.resolve("sqlite/it-" + UUID.randomUUID() + ".sqlite"));
		lifecycle(json().put("name", "sqlite " + file.getFileName()).put("engine", "SQLITE")
			.put("filePath", file.toString()), "SQLite");
	}

	@Test
	void mongodbConnectionLivesAndDies() {
		lifecycle(json().put("name", "mongo " + UUID.randomUUID())
			.put("url", "mongodb://127.0.0.1:" + mongoAddress.getPort() + "/steward"), "MongoDB");
	}

	@Test
	void everyMutatingCallPublishesExactlyOneEvent() throws IOException {
		TestApi api = TestApi.admin(port);
		List<AuditableEvent> seen = new CopyOnWriteArrayList<>();
		ApplicationListener<ApplicationEvent> listener = e -> {
			if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof AuditableEvent a) {
				seen.add(a);
			}
		};
		context.addApplicationListener(listener);
		try {
			Path file = Files.copy(ConnectionTesting.chinook(), dataDir.resolve("sqlite/ev-" + UUID.randomUUID() + ".sqlite"));
			ObjectNode body = json().put("name", "events " + UUID.randomUUID()).put("engine", "SQLITE")
				.put("filePath", file.toString());
			String id = api.post("/api/connections", body.toString()).json().get("id").asString();
			assertActions(seen, "connection.create");
			api.put("/api/connections/" + id, body.put("description", "x").toString());
			assertThat(assertActions(seen, "connection.update").detail()).contains("description");
			api.patch("/api/connections/" + id, "{\"active\":false}");
			assertActions(seen, "connection.deactivate");
			api.post("/api/connections/" + id + "/test", null);
			assertThat(assertActions(seen, "connection.test").targetId()).isEqualTo(id);
			api.post("/api/connections/test", json().put("engine", "SQLITE").put("filePath", file.toString()).toString());
			assertThat(assertActions(seen, "connection.test").targetId()).isNull();
			api.delete("/api/connections/" + id);
			assertActions(seen, "connection.delete");
			// refused calls publish nothing
			api.post("/api/connections", json().put("name", "").toString());
			assertThat(seen).isEmpty();
		}
		finally {
			context.removeApplicationListener(listener);
		}
	}

	private static AuditEntry assertActions(List<AuditableEvent> seen, String action) {
		assertThat(seen).hasSize(1);
		AuditEntry entry = seen.removeFirst().audit();
		assertThat(entry.action()).isEqualTo(action);
		return entry;
	}

	@Test
	void editingDeactivatingAndDeletingEvictThePool() {
		try (Scratch db = ScratchDatabases.postgres("pool")) {
			TestApi api = TestApi.admin(port);
			ObjectNode body = json().put("name", "pool " + db.name()).put("engine", "POSTGRESQL")
				.put("host", "127.0.0.1").put("database", db.name()).put("username", "postgres");
			String id = api.post("/api/connections", body.toString()).json().get("id").asString();
			ConnectionLookup lookup = context.getBean(ConnectionLookup.class);
			ResolvedConnection resolved = lookup.resolveAsSystem(UUID.fromString(id));
			pools.jdbc(resolved.poolKey(), resolved.spec());
			assertThat(pools.isOpen(resolved.poolKey())).isTrue();
			api.put("/api/connections/" + id, body.put("description", "changed").toString());
			assertThat(pools.isOpen(resolved.poolKey())).isFalse();
			pools.jdbc(resolved.poolKey(), resolved.spec());
			api.patch("/api/connections/" + id, "{\"active\":false}");
			assertThat(pools.isOpen(resolved.poolKey())).isFalse();
			pools.jdbc(resolved.poolKey(), resolved.spec());
			api.delete("/api/connections/" + id);
			assertThat(pools.isOpen(resolved.poolKey())).isFalse();
		}
	}

	@Test
	void sampleConnectionIsRegisteredAndWorks() throws IOException {
		TestApi api = TestApi.admin(port);
		JsonNode sample = null;
		for (JsonNode c : api.get("/api/connections?tag=sample").json()) {
			if (c.get("name").asString().equals("Chinook (sample)")) {
				sample = c;
			}
		}
		assertThat(sample).as("the sample connection").isNotNull();
		assertThat(sample.get("shared").asBoolean()).isTrue();
		assertThat(sample.get("engine").asString()).isEqualTo("SQLITE");
		assertThat(Path.of(sample.get("filePath").asString())).startsWith(dataDir.toRealPath().resolve("sqlite"));
		Response tested = api.post("/api/connections/" + sample.get("id").asString() + "/test", null);
		assertThat(tested.json().get("success").asBoolean()).as(tested.body()).isTrue();
	}

	// ---- failure categories --------------------------------------------------------------------------

	private JsonNode testUnsaved(ObjectNode body) {
		Response r = TestApi.admin(port).post("/api/connections/test", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	private static void assertFailure(JsonNode result, String category) {
		assertThat(result.get("success").asBoolean()).as(result.toString()).isFalse();
		assertThat(result.get("category").asString()).as(result.toString()).isEqualTo(category);
		assertThat(result.get("message").asString()).isNotBlank();
	}

	@Test
	void closedPortIsHostUnreachable() {
		int closed = ConnectionTesting.closedPort();
		assertFailure(testUnsaved(json().put("url", "postgresql://postgres@127.0.0.1:" + closed + "/x")),
				"HOST_UNREACHABLE");
		assertFailure(testUnsaved(json().put("url", "mysql://root@127.0.0.1:" + closed + "/x")), "HOST_UNREACHABLE");
		assertFailure(testUnsaved(json().put("url", "mongodb://127.0.0.1:" + closed + "/x")), "HOST_UNREACHABLE");
	}

	@Test
	void unknownHostIsHostUnreachable() {
		assertFailure(testUnsaved(json().put("url", "postgresql://postgres@no-such-host.invalid/x")),
				"HOST_UNREACHABLE");
	}

	@Test
	void silentServerIsATimeoutWithinTheDeadline() throws IOException {
		try (SilentServer silent = new SilentServer()) {
			long start = System.nanoTime();
			assertFailure(testUnsaved(json().put("url", "postgresql://postgres@127.0.0.1:" + silent.port() + "/x")),
					"TIMEOUT");
			assertFailure(testUnsaved(json().put("url", "mysql://root@127.0.0.1:" + silent.port() + "/x")), "TIMEOUT");
			// two tests, 5 s each, plus the outer deadline's grace at most
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2 * 6_500);
		}
	}

	@Test
	void wrongMariadbPasswordIsAuthenticationFailed() {
		String user = ScratchDatabases.uniqueName("stw");
		ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
				ScratchDatabases.MARIADB_PASSWORD, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-password'",
				"CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'right-password'",
				"CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY 'right-password'");
		try {
			JsonNode ok = testUnsaved(json().put("engine", "MYSQL").put("host", "127.0.0.1").put("username", user)
				.put("password", "right-password"));
			assertThat(ok.get("success").asBoolean()).as(ok.toString()).isTrue();
			JsonNode wrong = testUnsaved(json().put("engine", "MYSQL").put("host", "127.0.0.1").put("username", user)
				.put("password", "wrong-password-xyz"));
			assertFailure(wrong, "AUTHENTICATION_FAILED");
			assertThat(wrong.get("message").asString()).doesNotContain("wrong-password-xyz");
		}
		finally {
			ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
					ScratchDatabases.MARIADB_PASSWORD, "DROP USER IF EXISTS '" + user + "'@'%'",
					"DROP USER IF EXISTS '" + user + "'@'localhost'", "DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
		}
	}

	/**
	 * The local PostgreSQL trusts 127.0.0.1, so it never checks a password; a role that may not log in is
	 * the authentication failure it can still produce (SQLState 28000).
	 */
	@Test
	void postgresRoleThatMayNotLogInIsAuthenticationFailed() {
		String role = ScratchDatabases.uniqueName("stw");
		ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
				"CREATE ROLE " + role + " NOLOGIN");
		try {
			assertFailure(testUnsaved(json().put("url", "postgresql://" + role + ":secret@127.0.0.1/postgres")),
					"AUTHENTICATION_FAILED");
		}
		finally {
			ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"DROP ROLE IF EXISTS " + role);
		}
	}

	@Test
	void missingDatabaseIsDatabaseNotFound() {
		assertFailure(testUnsaved(json().put("url", "postgresql://postgres@127.0.0.1/no_such_db_stw")),
				"DATABASE_NOT_FOUND");
		assertFailure(testUnsaved(json().put("url", "mysql://root@127.0.0.1/no_such_db_stw")), "DATABASE_NOT_FOUND");
	}

	@Test
	void missingSqliteFileIsDatabaseNotFoundAndNotCreated() {
		Path missing = dataDir.resolve("sqlite/missing-" + UUID.randomUUID() + ".sqlite");
		assertFailure(testUnsaved(json().put("engine", "SQLITE").put("filePath", missing.toString())),
				"DATABASE_NOT_FOUND");
		assertThat(missing).doesNotExist();
	}

	@Test
	void tlsAgainstAServerWithoutTlsIsATlsError() {
		assertFailure(testUnsaved(json().put("url", "postgresql://postgres@127.0.0.1/postgres?sslmode=require")),
				"TLS_ERROR");
		assertFailure(testUnsaved(json().put("engine", "MYSQL").put("host", "127.0.0.1").put("username", "root")
			.put("sslMode", "REQUIRE")), "TLS_ERROR");
	}

	@Test
	void tooOldMongoIsUnsupportedServer() {
		MongoServer old = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_3_6));
		try {
			InetSocketAddress address = old.bind();
			assertFailure(testUnsaved(json().put("url", "mongodb://127.0.0.1:" + address.getPort() + "/x")),
					"UNSUPPORTED_SERVER");
		}
		finally {
			old.shutdownNow();
		}
	}
}
